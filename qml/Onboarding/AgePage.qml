import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// The age step: a birth date, the age it gives, and a confirmation.
OnboardingCard {
    id: page
    objectName: "agePage"
    title: qsTr("Your date of birth")
    subtitle: qsTr("Your age decides which protections for minors apply. It is stored encrypted on this device.")

    readonly property int thisYear: new Date().getFullYear()
    readonly property int firstYear: thisYear - 125
    property int year: yearTumbler.currentIndex + firstYear
    property int month: monthTumbler.currentIndex + 1
    property int day: dayTumbler.currentIndex + 1
    readonly property var check: OnboardingController.checkBirthDate(year, month, day)

    function daysIn(y, m) { return new Date(y, m, 0).getDate() }
    function setDate(y, m, d) {
        yearTumbler.currentIndex = y - firstYear
        monthTumbler.currentIndex = m - 1
        dayTumbler.currentIndex = d - 1
    }

    Banner {
        Layout.fillWidth: true
        visible: OnboardingController.keyFileFallback
        text: qsTr("The system keychain is not available. Your data key is kept in a protected file on this device instead, which is less safe if someone copies your files.")
    }

    RowLayout {
        Layout.fillWidth: true
        Layout.preferredHeight: 200
        spacing: Theme.grid * 2

        component DateTumbler: Tumbler {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visibleItemCount: 5
            wrap: false
            focusPolicy: Qt.StrongFocus
            property string suffix
            Keys.onUpPressed: currentIndex = Math.max(0, currentIndex - 1)
            Keys.onDownPressed: currentIndex = Math.min(count - 1, currentIndex + 1)
            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: parent.width
                height: parent.height / parent.visibleItemCount
                color: "transparent"
                border.width: 1
                border.color: parent.activeFocus ? Theme.primary : Theme.divider
                radius: Theme.radius
            }
        }

        DateTumbler {
            id: yearTumbler
            objectName: "yearTumbler"
            model: page.thisYear - page.firstYear + 1
            suffix: qsTr("y", "year suffix")
            delegate: Text {
                required property int index
                text: (page.firstYear + index) + yearTumbler.suffix
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                font.family: Theme.fontFamily
                font.pixelSize: Theme.listTitleSize
                color: yearTumbler.currentIndex === index ? Theme.textPrimary : Theme.textHint
            }
            Accessible.name: qsTr("Year")
            Component.onCompleted: currentIndex = page.thisYear - 25 - page.firstYear
        }
        DateTumbler {
            id: monthTumbler
            objectName: "monthTumbler"
            model: 12
            suffix: qsTr("m", "month suffix")
            delegate: Text {
                required property int index
                text: (index + 1) + monthTumbler.suffix
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                font.family: Theme.fontFamily
                font.pixelSize: Theme.listTitleSize
                color: monthTumbler.currentIndex === index ? Theme.textPrimary : Theme.textHint
            }
            Accessible.name: qsTr("Month")
        }
        DateTumbler {
            id: dayTumbler
            objectName: "dayTumbler"
            model: page.daysIn(page.year, page.month)
            suffix: qsTr("d", "day suffix")
            delegate: Text {
                required property int index
                text: (index + 1) + dayTumbler.suffix
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                font.family: Theme.fontFamily
                font.pixelSize: Theme.listTitleSize
                color: dayTumbler.currentIndex === index ? Theme.textPrimary : Theme.textHint
            }
            Accessible.name: qsTr("Day")
        }
    }

    Text {
        objectName: "ageResult"
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.pageTitleSize
        color: page.check.ok ? Theme.textPrimary : Theme.danger
        text: page.check.ok ? qsTr("You are %n year(s) old", "", page.check.years) : page.check.message
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }
    BodyText {
        visible: page.check.ok && page.check.message.length > 0
        text: page.check.ok ? page.check.message : ""
        secondary: true
        horizontalAlignment: Text.AlignHCenter
    }

    actions: [
        PrimaryButton {
            objectName: "confirmAgeButton"
            Layout.fillWidth: true
            text: page.check.ok ? qsTr("Confirm: I am %n", "", page.check.years) : qsTr("Confirm")
            enabled: page.check.ok && !OnboardingController.busy
            onClicked: OnboardingController.confirmBirthDate(page.year, page.month, page.day)
        }
    ]
}
