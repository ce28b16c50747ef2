import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Contacts
import IMpTech.Groups
import IMpTech.Chats

// One conversation: the title (or "typing…"), banners for storage errors and history sync, the
// messages newest at the bottom with older pages loading as you scroll up, and the composer.
Rectangle {
    id: page
    objectName: "chatPage"
    property bool showBack: true
    signal back()
    signal openProfile(string jid)
    signal openGroupInfo()
    color: Theme.chatBackground
    readonly property bool group: GroupsController.current.length > 0
    readonly property var peerInfo: FriendsController.contactInfo(ChatsController.currentPeer)

    Component.onCompleted: composer.focusInput()

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TitleBar {
            objectName: "chatTitleBar"
            Layout.fillWidth: true
            showBack: page.showBack
            title: ChatsController.peerTyping ? qsTr("Typing…")
                   : page.group && GroupsController.members.count > 0
                     ? qsTr("%1 (%2)").arg(ChatsController.currentTitle).arg(GroupsController.members.count)
                     : ChatsController.currentTitle
            onBack: page.back()
            trailing: ToolButton {
                objectName: "chatProfileButton"
                width: Theme.touchTarget
                height: Theme.touchTarget
                Accessible.name: page.group ? qsTr("Group info") : qsTr("Profile")
                onClicked: page.group ? page.openGroupInfo() : page.openProfile(ChatsController.currentPeer)
                contentItem: Item {
                    Row {
                        anchors.centerIn: parent
                        spacing: 3
                        Repeater {
                            model: 3
                            Rectangle { width: 4; height: 4; radius: 2; color: Theme.textPrimary }
                        }
                    }
                }
                background: Rectangle { radius: Theme.radius; color: parent.down ? Theme.pressedRow : "transparent" }
            }
        }
        ConnectionBanner { Layout.fillWidth: true }
        // Removed, refused, deleted or left: said plainly, and nothing can be written.
        Banner {
            objectName: "groupProblemBanner"
            Layout.fillWidth: true
            visible: page.group && GroupsController.currentProblem.length > 0
            danger: true
            radius: 0
            text: GroupsController.currentProblem
        }
        Banner {
            objectName: "storageErrorBanner"
            Layout.fillWidth: true
            visible: ChatsController.storageError.length > 0
            danger: true
            radius: 0
            text: ChatsController.storageError
        }
        Rectangle {
            objectName: "syncProgress"
            Layout.fillWidth: true
            visible: ChatsController.syncing
            implicitHeight: visible ? syncLabel.implicitHeight + Theme.grid * 2 : 0
            color: Theme.surface
            Text {
                id: syncLabel
                anchors.centerIn: parent
                text: ChatsController.syncText
                color: Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.captionSize
            }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: list
                objectName: "messageList"
                anchors.fill: parent
                clip: true
                // Row 0 is the newest: laid out bottom to top, the view starts at the newest and
                // older pages are fetched when scrolling up to the end.
                verticalLayoutDirection: ListView.BottomToTop
                model: ChatsController.messages
                cacheBuffer: 800
                boundsBehavior: Flickable.StopAtBounds
                header: Item { height: Theme.grid * 2; width: 1 }
                footer: Item {
                    width: list.width
                    height: ChatsController.messages.loading && list.count > 0 ? 32 : Theme.grid * 2
                    BusyIndicator {
                        anchors.centerIn: parent
                        running: ChatsController.messages.loading && list.count > 0
                        visible: running
                        width: 24
                        height: 24
                    }
                }
                delegate: MessageBubble {
                    peerInitial: page.peerInfo.initial || "#"
                    peerColorIndex: page.peerInfo.colorIndex || 0
                    onMenuRequested: (row, item, x, y) => menu.openFor(row, item, x, y)
                    onPhotoRequested: id => photoViewer.show(id)
                }
                ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
                Connections {
                    target: ChatsController.messages
                    function onNewestAdded(outgoing) {
                        if (outgoing || list.atYEnd)
                            list.positionViewAtBeginning()
                    }
                }
            }
            EmptyState {
                objectName: "chatEmptyState"
                visible: list.count === 0 && !ChatsController.messages.loading
                anchors.centerIn: parent
                width: parent.width - Theme.grid * 12
                text: ChatsController.messages.error.length > 0 ? qsTr("Messages could not be loaded.")
                      : page.group ? qsTr("No messages yet. Say hello to the group!")
                                   : qsTr("No messages yet. Say hello!")
                error: ChatsController.messages.error.length > 0
                actionText: ChatsController.messages.error.length > 0 ? qsTr("Retry") : ""
                onAction: ChatsController.messages.reload()
            }
            // Back to the newest when scrolled up.
            RoundButton {
                objectName: "jumpToNewestButton"
                visible: list.count > 0 && !list.atYEnd
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: Theme.grid * 4
                width: Theme.touchTarget
                height: Theme.touchTarget
                Accessible.name: qsTr("Jump to newest")
                onClicked: list.positionViewAtBeginning()
                contentItem: Item {
                    // A down chevron from two strokes.
                    Rectangle { x: parent.width / 2 - 8; y: parent.height / 2 - 3; width: 11; height: 2; radius: 1; rotation: 45; color: Theme.primary }
                    Rectangle { x: parent.width / 2 - 3; y: parent.height / 2 - 3; width: 11; height: 2; radius: 1; rotation: -45; color: Theme.primary }
                }
                background: Rectangle {
                    radius: width / 2
                    color: Theme.surface
                    border.width: 1
                    border.color: Theme.divider
                }
            }
        }
        Composer {
            id: composer
            Layout.fillWidth: true
            visible: !(page.group && GroupsController.currentProblem.length > 0)
            onSent: list.positionViewAtBeginning()
        }
    }

    PhotoViewer {
        id: photoViewer
        host: page
    }

    // Over the messages while a voice note records.
    VoiceRecordPanel {
        anchors.centerIn: parent
    }
    MessageMenu {
        id: menu
        onReportRequested: {
            messageReport.messageId = menu.message.messageId
            messageReport.open()
        }
    }

    // Reporting from a message names that message (the server can find it in our archive).
    ReportDialog {
        id: messageReport
        property var messageId: 0
        name: ChatsController.currentTitle
        onSubmitted: (reason, note) => ChatsController.reportMessage(messageId, reason, note)
    }
}
