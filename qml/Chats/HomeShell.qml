import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// The signed-in shell: 消息 · 通讯录 · 我 as a bottom tab bar on phones and a left rail on
// desktop, with the list pane and the content side by side there.
Rectangle {
    id: shell
    objectName: "homeShell"
    color: Theme.windowBackground
    readonly property bool phone: width < Theme.phoneBreakpoint
    property int tab: 0
    signal openAgreement()
    signal openNotices()

    readonly property var tabNames: [qsTr("Chats"), qsTr("Contacts"), qsTr("Me")]

    component TabButtonItem: ItemDelegate {
        property int index
        checkable: false
        highlighted: shell.tab === index
        Accessible.name: shell.tabNames[index]
        onClicked: shell.tab = index
        contentItem: Column {
            spacing: 2
            TabIcon {
                anchors.horizontalCenter: parent.horizontalCenter
                kind: index
                color: shell.tab === index ? Theme.primary : Theme.textSecondary
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: shell.tabNames[index]
                font.family: Theme.fontFamily
                font.pixelSize: Theme.captionSize
                color: shell.tab === index ? Theme.primary : Theme.textSecondary
            }
        }
        background: Rectangle { color: "transparent" }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        // Desktop rail
        Rectangle {
            visible: !shell.phone
            Layout.fillHeight: true
            Layout.preferredWidth: 72
            color: Theme.surface
            Column {
                anchors.top: parent.top
                anchors.topMargin: Theme.grid * 4
                width: parent.width
                spacing: Theme.grid * 2
                Repeater {
                    model: 3
                    TabButtonItem {
                        required property int modelData
                        index: modelData
                        objectName: ["chatsTab", "contactsTab", "meTab"][modelData]
                        width: 72
                        height: 60
                    }
                }
            }
            Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.divider }
        }

        ColumnLayout {
            Layout.fillHeight: true
            Layout.fillWidth: shell.phone
            Layout.preferredWidth: shell.phone ? -1 : 300
            spacing: 0
            TitleBar {
                Layout.fillWidth: true
                title: shell.tabNames[shell.tab]
                // Always visible: a dot and a word for the connection state.
                trailing: Row {
                    objectName: "connectionStatus"
                    spacing: Theme.grid * 2
                    height: Theme.titleBarHeight
                    Accessible.name: status.text
                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        width: 8
                        height: 8
                        radius: 4
                        color: SignupController.connectionState === "online" ? Theme.success
                               : SignupController.connectionState === "connecting" ? Theme.warning
                                                                                    : Theme.danger
                    }
                    Text {
                        id: status
                        anchors.verticalCenter: parent.verticalCenter
                        rightPadding: Theme.grid * 2
                        text: SignupController.connectionState === "online" ? qsTr("Online")
                              : SignupController.connectionState === "connecting" ? qsTr("Connecting…")
                                                                                   : qsTr("Offline")
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.captionSize
                    }
                }
            }
            ConnectionBanner { Layout.fillWidth: true }

            // Chats: empty state until the first conversation.
            Item {
                visible: shell.tab === 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                Column {
                    objectName: "chatsEmptyState"
                    anchors.centerIn: parent
                    width: parent.width - 48
                    spacing: Theme.grid * 3
                    TabIcon {
                        anchors.horizontalCenter: parent.horizontalCenter
                        width: 56
                        height: 56
                        kind: 0
                        color: Theme.textHint
                    }
                    Text {
                        width: parent.width
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                        text: qsTr("No messages yet")
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.bodySize
                    }
                    TextButton {
                        anchors.horizontalCenter: parent.horizontalCenter
                        text: qsTr("Add a friend")
                        onClicked: shell.tab = 1
                    }
                }
            }
            // Contacts
            Item {
                visible: shell.tab === 1
                Layout.fillWidth: true
                Layout.fillHeight: true
                Text {
                    anchors.centerIn: parent
                    width: parent.width - 48
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    text: qsTr("Friends will be listed here. Adding friends arrives in the next version.")
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                }
            }
            // Me
            ColumnLayout {
                objectName: "mePage"
                visible: shell.tab === 2
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 0
                Rectangle {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 96
                    color: Theme.surface
                    RowLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.grid * 4
                        spacing: Theme.grid * 3
                        Rectangle {
                            Layout.preferredWidth: 56
                            Layout.preferredHeight: 56
                            radius: 6
                            color: Theme.primary
                            Text {
                                anchors.centerIn: parent
                                text: SignupController.nickname.charAt(0).toUpperCase()
                                color: Theme.textOnPrimary
                                font.pixelSize: 26
                            }
                        }
                        Column {
                            Layout.fillWidth: true
                            spacing: 4
                            Text {
                                text: SignupController.nickname
                                color: Theme.textPrimary
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.listTitleSize
                                font.weight: Font.DemiBold
                            }
                            Text {
                                objectName: "meImptechId"
                                text: qsTr("IMpTech ID: %1").arg(SignupController.imptechId)
                                color: Theme.textSecondary
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.secondarySize
                            }
                        }
                    }
                }
                Item { Layout.preferredHeight: Theme.grid * 2 }
                ItemDelegate {
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchTarget + 8
                    text: qsTr("Agreement")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    Accessible.name: text
                    background: Rectangle { color: parent.down ? Theme.divider : Theme.surface }
                    onClicked: shell.openAgreement()
                }
                ItemDelegate {
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchTarget + 8
                    text: qsTr("Third-party notices")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    Accessible.name: text
                    background: Rectangle { color: parent.down ? Theme.divider : Theme.surface }
                    onClicked: shell.openNotices()
                }
                Item { Layout.fillHeight: true }
            }

            // Phone tab bar
            Rectangle {
                visible: shell.phone
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                color: Theme.surface
                Rectangle { width: parent.width; height: 1; color: Theme.divider }
                Row {
                    anchors.fill: parent
                    Repeater {
                        model: 3
                        TabButtonItem {
                            required property int modelData
                            index: modelData
                            objectName: ["chatsTab", "contactsTab", "meTab"][modelData]
                            width: parent.width / 3
                            height: 56
                        }
                    }
                }
            }
        }

        // Desktop content pane
        Rectangle {
            visible: !shell.phone
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.windowBackground
            Rectangle { width: 1; height: parent.height; color: Theme.divider }
            Text {
                anchors.centerIn: parent
                text: qsTr("Select a chat to start messaging")
                color: Theme.textHint
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
        }
    }

    // Signed in elsewhere: the account moved to another device.
    Rectangle {
        objectName: "signedOutOverlay"
        anchors.fill: parent
        visible: SignupController.signedOutElsewhere
        color: Theme.windowBackground
        ColumnLayout {
            anchors.centerIn: parent
            width: Math.min(parent.width - 48, 420)
            spacing: Theme.grid * 4
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: qsTr("Your account was signed in on another device")
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.pageTitleSize
                font.weight: Font.DemiBold
            }
            BodyText {
                horizontalAlignment: Text.AlignHCenter
                secondary: true
                text: qsTr("Your chats stay encrypted on this device. Sign in again with your mobile number to use it here.")
            }
            PrimaryButton {
                objectName: "signInAgainButton"
                Layout.fillWidth: true
                text: qsTr("Sign in again")
                onClicked: SignupController.resume(true)
            }
        }
    }
}
