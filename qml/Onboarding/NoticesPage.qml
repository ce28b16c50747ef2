import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// Clause 11.2: the licences of the third-party software in IMpTech.
Rectangle {
    id: page
    objectName: "noticesPage"
    signal back()
    signal openNotice(string name, string text)
    color: Theme.windowBackground
    Keys.onEscapePressed: page.back()
    Component.onCompleted: forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TitleBar {
            Layout.fillWidth: true
            title: qsTr("Third-party notices")
            showBack: true
            onBack: page.back()
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: OnboardingController.thirdPartyNotices()
            delegate: ItemDelegate {
                required property var modelData
                width: ListView.view.width
                height: 60
                Accessible.name: modelData.name
                onClicked: page.openNotice(modelData.name, OnboardingController.noticeText(modelData.file))
                background: Rectangle { color: parent.down ? Theme.divider : Theme.surface }
                contentItem: ColumnLayout {
                    spacing: 2
                    Text {
                        text: modelData.name + "  " + modelData.version
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        color: Theme.textPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.bodySize
                    }
                    Text {
                        text: modelData.license
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.captionSize
                    }
                }
            }
            Text {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("The notices could not be found in this copy of IMpTech.")
                color: Theme.danger
                font.family: Theme.fontFamily
            }
        }
    }
}
