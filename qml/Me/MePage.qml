import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding
import IMpTech.Me
import IMpTech.Desktop

// 我: who I am (avatar letter, nickname, IMpTech ID) and the documents.
Rectangle {
    id: me
    objectName: "mePage"
    color: Theme.windowBackground
    signal openAgreement()
    signal openNotices()

    component MeRow: ItemDelegate {
        leftPadding: Theme.grid * 4
        rightPadding: Theme.grid * 4
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTarget + 8
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        Accessible.name: text
        contentItem: RowLayout {
            Text {
                Layout.fillWidth: true
                text: parent.parent.text
                font: parent.parent.font
                color: Theme.textPrimary
                elide: Text.ElideRight
            }
            Text {
                text: "›"
                color: Theme.textHint
                font.pixelSize: Theme.pageTitleSize
            }
        }
        background: Rectangle { color: parent.down ? Theme.pressedRow : Theme.surface }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 104
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.margins: Theme.grid * 4
                spacing: Theme.grid * 4
                Avatar {
                    size: 60
                    letter: SignupController.nickname.length > 0
                            ? SignupController.nickname.charAt(0).toUpperCase() : "#"
                    colorIndex: 0
                }
                Column {
                    Layout.fillWidth: true
                    spacing: Theme.grid
                    Text {
                        objectName: "meNickname"
                        width: parent.width
                        text: SignupController.nickname
                        elide: Text.ElideRight
                        color: Theme.textPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.pageTitleSize
                        font.weight: Font.DemiBold
                    }
                    Text {
                        objectName: "meImptechId"
                        width: parent.width
                        text: qsTr("IMpTech ID: %1").arg(SignupController.imptechId)
                        elide: Text.ElideRight
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.secondarySize
                    }
                }
            }
        }
        Item { Layout.preferredHeight: Theme.grid * 2 }
        // Privacy: what a notification shows on a screen others may see.
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(Theme.touchTarget + 8, hideTextColumn.implicitHeight + Theme.grid * 4)
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.grid * 4
                anchors.rightMargin: Theme.grid * 3
                spacing: Theme.grid * 3
                Column {
                    id: hideTextColumn
                    Layout.fillWidth: true
                    spacing: 2
                    Text {
                        width: parent.width
                        text: qsTr("Hide message text in notifications")
                        wrapMode: Text.WordWrap
                        color: Theme.textPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.bodySize
                    }
                    Text {
                        width: parent.width
                        text: DesktopController.hideTextLocked
                              ? qsTr("Always on in minors' mode")
                              : qsTr("Notifications say only \"You have a new message\"")
                        wrapMode: Text.WordWrap
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.captionSize
                    }
                }
                Switch {
                    objectName: "hideNotificationTextSwitch"
                    checked: DesktopController.hideNotificationText
                    enabled: !DesktopController.hideTextLocked
                    onToggled: DesktopController.hideNotificationText = checked
                    Accessible.name: qsTr("Hide message text in notifications")
                }
            }
        }
        Item { Layout.preferredHeight: Theme.grid * 2 }
        MeRow {
            objectName: "agreementRow"
            text: qsTr("Agreement")
            onClicked: me.openAgreement()
        }
        Rectangle { Layout.fillWidth: true; Layout.preferredHeight: 1; color: Theme.divider }
        MeRow {
            objectName: "noticesRow"
            text: qsTr("Third-party notices")
            onClicked: me.openNotices()
        }
        Item { Layout.fillHeight: true }
    }
}
