import QtQuick
import QtQuick.Controls.Basic
import IMpTech.Components
import IMpTech.Groups

// "@" in a group's message box: the members to mention (not ourselves), keyboard and touch.
Popup {
    id: picker
    objectName: "mentionPicker"
    signal picked(string text)
    padding: 0
    width: Math.min(parent ? parent.width : 320, 320)
    height: Math.min(list.contentHeight, Theme.contactRowHeight * 5)
    focus: true
    background: Rectangle {
        color: Theme.surface
        radius: Theme.radius
        border.width: 1
        border.color: Theme.divider
    }
    onOpened: list.currentIndex = list.count > 0 ? 0 : -1
    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: GroupsController.members
        keyNavigationEnabled: true
        focus: true
        Keys.onReturnPressed: if (currentItem) currentItem.clicked()
        Keys.onEnterPressed: if (currentItem) currentItem.clicked()
        delegate: ItemDelegate {
            id: row
            required property string name
            required property string initial
            required property int colorIndex
            required property bool self
            required property int index
            objectName: "mention_" + index
            visible: !row.self
            width: ListView.view.width
            height: row.self ? 0 : Theme.contactRowHeight
            highlighted: ListView.isCurrentItem
            Accessible.name: qsTr("Mention %1").arg(row.name)
            onClicked: {
                picker.picked(GroupsController.mentionOf(row.index))
                picker.close()
            }
            background: Rectangle { color: row.down || row.highlighted ? Theme.pressedRow : Theme.surface }
            contentItem: Row {
                spacing: Theme.grid * 3
                Avatar { size: Theme.chatAvatarSize; letter: row.initial; colorIndex: row.colorIndex; anchors.verticalCenter: parent.verticalCenter }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: row.name
                    elide: Text.ElideRight
                    color: Theme.textPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                }
            }
        }
    }
}
