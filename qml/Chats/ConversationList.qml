import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Chats

// 消息: one 68 px row per conversation, pinned first; long press or right-click to pin or mark
// read. Empty: one sentence and "Add a friend".
Item {
    id: root
    objectName: "conversationList"
    property string selectedPeer: ""
    signal openChat(string peer)
    signal addFriend()

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: ChatsController.conversations
        delegate: ItemDelegate {
            id: row
            required property int index
            required property string peer
            required property string title
            required property string initial
            required property int colorIndex
            required property string preview
            required property string timeText
            required property int unread
            required property string unreadText
            required property bool pinned
            required property string lastState
            objectName: "conversation_" + index
            leftPadding: Theme.grid * 4
            rightPadding: Theme.grid * 4
            width: ListView.view.width
            height: Theme.conversationRowHeight
            Accessible.name: unread > 0 ? qsTr("%1, %n unread", "", unread).arg(title) : title
            Accessible.description: preview
            onClicked: root.openChat(peer)
            onPressAndHold: rowMenu.popup(row, row.width / 2, row.height / 2)
            TapHandler {
                acceptedButtons: Qt.RightButton
                onTapped: eventPoint => rowMenu.popup(row, eventPoint.position.x, eventPoint.position.y)
            }
            background: Rectangle {
                color: row.down ? Theme.pressedRow
                       : root.selectedPeer === row.peer ? Theme.selectedRow
                       : row.pinned ? Theme.pinnedRow : Theme.surface
            }
            contentItem: RowLayout {
                spacing: Theme.grid * 3
                Avatar { letter: row.initial; colorIndex: row.colorIndex }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.grid * 2
                        Text {
                            Layout.fillWidth: true
                            text: row.title
                            horizontalAlignment: Text.AlignLeft
                            elide: Text.ElideRight
                            color: Theme.textPrimary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.listTitleSize
                        }
                        Text {
                            objectName: "conversationTime"
                            text: row.timeText
                            color: Theme.textHint
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.captionSize
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.grid
                        Ticks {
                            visible: row.lastState.length > 0
                            state: row.lastState
                        }
                        Text {
                            Layout.fillWidth: true
                            text: row.preview
                            horizontalAlignment: Text.AlignLeft
                            elide: Text.ElideRight
                            maximumLineCount: 1
                            textFormat: Text.PlainText
                            color: Theme.textSecondary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.secondarySize
                        }
                        Badge {
                            objectName: "unreadBadge_" + row.index
                            text: row.unreadText
                        }
                    }
                }
            }
            Rectangle {
                anchors.bottom: parent.bottom
                x: Theme.grid * 4 + Theme.avatarSize + Theme.grid * 3
                width: parent.width - x
                height: 1
                color: Theme.divider
            }
            Menu {
                id: rowMenu
                font.family: Theme.fontFamily
                MenuItem {
                    height: Theme.touchTarget
                    text: row.pinned ? qsTr("Unpin") : qsTr("Pin to top")
                    onTriggered: ChatsController.setPinned(row.peer, !row.pinned)
                }
                MenuItem {
                    height: Theme.touchTarget
                    text: qsTr("Mark as read")
                    enabled: row.unread > 0
                    onTriggered: ChatsController.markRead(row.peer)
                }
            }
        }
        ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
    }

    EmptyState {
        objectName: "chatsEmptyState"
        visible: list.count === 0
        anchors.centerIn: parent
        width: parent.width - Theme.grid * 12
        text: qsTr("No messages yet")
        actionText: qsTr("Add a friend")
        actionName: "emptyAddFriendButton"
        icon: Component {
            TabIcon { width: 56; height: 56; kind: 0; color: Theme.textHint }
        }
        onAction: root.addFriend()
    }
}
