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
    readonly property int year: thisYear - yearBox.currentIndex
    readonly property int month: monthBox.currentIndex + 1
    readonly property int day: dayBox.currentIndex + 1
    readonly property var check: OnboardingController.checkBirthDate(year, month, day)

    function daysIn(y, m) { return new Date(y, m, 0).getDate() }
    function setDate(y, m, d) {
        yearBox.currentIndex = thisYear - y
        monthBox.currentIndex = m - 1
        dayBox.currentIndex = d - 1
    }

    KeyFileBanner {}

    GridLayout {
        Layout.fillWidth: true
        columns: 3
        columnSpacing: Theme.grid * 2
        rowSpacing: Theme.grid

        component FieldLabel: Text {
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.captionSize
        }
        component DateBox: ComboBox {
            id: box
            // The number shown for an index (years are listed newest first).
            property var valueAt: index => index + 1
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.buttonHeight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            focusPolicy: Qt.StrongFocus
            displayText: valueAt(currentIndex)
            delegate: ItemDelegate {
                required property int index
                width: ListView.view.width
                text: box.valueAt(index)
                highlighted: box.highlightedIndex === index
            }
        }

        FieldLabel { text: qsTr("Year") }
        FieldLabel { text: qsTr("Month") }
        FieldLabel { text: qsTr("Day") }

        DateBox {
            id: yearBox
            objectName: "yearBox"
            // Newest first: most people scroll less.
            model: page.thisYear - page.firstYear + 1
            valueAt: index => page.thisYear - index
            Accessible.name: qsTr("Year")
            Component.onCompleted: currentIndex = 25
        }
        DateBox {
            id: monthBox
            objectName: "monthBox"
            model: 12
            Accessible.name: qsTr("Month")
        }
        DateBox {
            id: dayBox
            objectName: "dayBox"
            model: page.daysIn(page.year, page.month)
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
