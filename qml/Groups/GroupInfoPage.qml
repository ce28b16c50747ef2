import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Groups

// The open group: its members (owner, admins, then everyone A–Z), inviting friends, and leaving
// (which gives up the membership on the server, on every device), asked once more first.
Rectangle {
    id: page
    objectName: "groupInfoPage"
    property bool showBack: true
    property string fallbackTitle: "" // the chat's title, for a group that has no name
    readonly property string title: GroupsController.currentName.length > 0 ? GroupsController.currentName
                                                                          : fallbackTitle
    signal back()
    signal invite()
    signal openProfile(string jid)
    color: Theme.windowBackground

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TitleBar {
            Layout.fillWidth: true
            showBack: page.showBack
            title: GroupsController.members.count > 0
                   ? qsTr("%1 (%2)").arg(page.title).arg(GroupsController.members.count) : page.title
            onBack: page.back()
        }
        Banner {
            objectName: "groupInfoProblem"
            Layout.fillWidth: true
            visible: GroupsController.currentProblem.length > 0
            danger: true
            radius: 0
            text: GroupsController.currentProblem
        }
        ListView {
            id: list
            objectName: "groupMemberList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: GroupsController.members
            header: Column {
                width: ListView.view.width
                // The owner names the group for everyone.
                ItemDelegate {
                    objectName: "groupRenameRow"
                    visible: GroupsController.currentOwner && GroupsController.currentProblem.length === 0
                    width: parent.width
                    height: visible ? Theme.contactRowHeight : 0
                    leftPadding: Theme.grid * 4
                    rightPadding: Theme.grid * 4
                    Accessible.name: qsTr("Group name: %1").arg(page.title)
                    onClicked: { renameField.text = page.title; renameDialog.open() }
                    background: Rectangle { color: parent.down ? Theme.pressedRow : Theme.surface }
                    contentItem: RowLayout {
                        Text {
                            text: qsTr("Group name")
                            color: Theme.textPrimary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.listTitleSize
                        }
                        Text {
                            Layout.fillWidth: true
                            horizontalAlignment: Text.AlignRight
                            text: page.title
                            elide: Text.ElideRight
                            color: Theme.textSecondary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.secondarySize
                        }
                    }
                    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
                }
                ItemDelegate {
                    objectName: "groupInviteRow"
                    visible: GroupsController.currentProblem.length === 0
                    width: parent.width
                    height: visible ? Theme.contactRowHeight : 0
                    leftPadding: Theme.grid * 4
                    Accessible.name: qsTr("Invite friends")
                    onClicked: page.invite()
                    background: Rectangle { color: parent.down ? Theme.pressedRow : Theme.surface }
                    contentItem: RowLayout {
                        spacing: Theme.grid * 3
                        Rectangle {
                            Layout.preferredWidth: Theme.avatarSize
                            Layout.preferredHeight: Theme.avatarSize
                            radius: Theme.avatarRadius
                            color: "transparent"
                            border.width: 1
                            border.color: Theme.textHint
                            Rectangle { anchors.centerIn: parent; width: 18; height: 2; radius: 1; color: Theme.textSecondary }
                            Rectangle { anchors.centerIn: parent; width: 2; height: 18; radius: 1; color: Theme.textSecondary }
                        }
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("Invite friends")
                            color: Theme.textPrimary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.listTitleSize
                        }
                    }
                }
                Text {
                    width: parent.width
                    leftPadding: Theme.grid * 4
                    topPadding: Theme.grid * 3
                    bottomPadding: Theme.grid
                    text: GroupsController.membersLoading ? qsTr("Loading members…")
                          : GroupsController.membersError.length > 0 ? GroupsController.membersError
                          : qsTr("Members")
                    color: GroupsController.membersError.length > 0 ? Theme.danger : Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.captionSize
                }
            }
            delegate: ItemDelegate {
                id: row
                required property string jid
                required property string name
                required property string initial
                required property int colorIndex
                required property string roleText
                required property bool self
                required property int index
                objectName: "member_" + index
                width: ListView.view.width
                height: Theme.contactRowHeight
                leftPadding: Theme.grid * 4
                rightPadding: Theme.grid * 4
                Accessible.name: row.roleText.length > 0 ? qsTr("%1, %2").arg(row.name).arg(row.roleText) : row.name
                onClicked: {
                    if (row.self || row.jid.length === 0)
                        return
                    if (GroupsController.currentOwner && GroupsController.currentProblem.length === 0)
                        memberMenu.openFor(row.jid, row.name, row)
                    else
                        page.openProfile(row.jid)
                }
                background: Rectangle { color: row.down ? Theme.pressedRow : Theme.surface }
                contentItem: RowLayout {
                    spacing: Theme.grid * 3
                    Avatar { letter: row.initial; colorIndex: row.colorIndex }
                    Text {
                        Layout.fillWidth: true
                        text: row.self ? qsTr("%1 (you)").arg(row.name) : row.name
                        elide: Text.ElideRight
                        horizontalAlignment: Text.AlignLeft
                        color: Theme.textPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.listTitleSize
                    }
                    Rectangle {
                        visible: row.roleText.length > 0
                        implicitWidth: roleLabel.implicitWidth + Theme.grid * 3
                        implicitHeight: roleLabel.implicitHeight + Theme.grid
                        radius: height / 2
                        color: Theme.selectedRow
                        Text {
                            id: roleLabel
                            anchors.centerIn: parent
                            text: row.roleText
                            color: Theme.primary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.captionSize
                        }
                    }
                }
                Rectangle { anchors.bottom: parent.bottom; x: Theme.grid * 4 + Theme.avatarSize + Theme.grid * 3; width: parent.width - x; height: 1; color: Theme.divider }
            }
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
        }
        // Kept in view below the list, however long it is.
        Rectangle {
            Layout.fillWidth: true
            visible: GroupsController.current.length > 0 && GroupsController.currentProblem.length === 0
            implicitHeight: visible ? leave.height + Theme.grid * 4 : 0
            color: Theme.windowBackground
            Rectangle { width: parent.width; height: 1; color: Theme.divider }
            TextButton {
                id: leave
                objectName: "leaveGroupButton"
                anchors.centerIn: parent
                width: Math.min(parent.width - Theme.grid * 8, 360)
                text: qsTr("Leave the group")
                textColor: Theme.danger
                enabled: !GroupsController.busy
                onClicked: confirmLeave.open()
                background: Rectangle { radius: Theme.radius; color: leave.down ? Theme.pressedRow : Theme.surface }
            }
        }
    }

    // The owner's choices for one member.
    Menu {
        id: memberMenu
        objectName: "memberMenu"
        property string jid: ""
        property string name: ""
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        function openFor(j, n, item) {
            jid = j
            name = n
            popup(item, item.width / 2, item.height / 2)
        }
        MenuItem {
            objectName: "memberProfileItem"
            text: qsTr("View profile")
            height: Theme.touchTarget
            onTriggered: page.openProfile(memberMenu.jid)
        }
        MenuItem {
            objectName: "makeOwnerItem"
            text: qsTr("Make owner")
            height: Theme.touchTarget
            onTriggered: GroupsController.makeOwner(memberMenu.jid)
        }
        MenuItem {
            objectName: "removeMemberItem"
            text: qsTr("Remove from the group")
            height: Theme.touchTarget
            onTriggered: GroupsController.removeMember(memberMenu.jid)
        }
    }

    Dialog {
        id: renameDialog
        objectName: "renameDialog"
        anchors.centerIn: parent
        width: Math.min(page.width - Theme.grid * 8, 360)
        modal: true
        title: qsTr("Group name")
        font.family: Theme.fontFamily
        TextField {
            id: renameField
            objectName: "renameField"
            width: parent.width
            maximumLength: 64
            selectByMouse: true
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            Accessible.name: qsTr("Group name")
            onAccepted: renameDialog.accept()
        }
        footer: DialogButtonBox {
            Button {
                objectName: "renameSaveButton"
                text: qsTr("Save")
                enabled: renameField.text.trim().length > 0
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        onAccepted: GroupsController.rename(renameField.text)
    }

    Dialog {
        id: confirmLeave
        objectName: "confirmLeaveDialog"
        anchors.centerIn: parent
        width: Math.min(page.width - Theme.grid * 8, 360)
        modal: true
        title: qsTr("Leave “%1”?").arg(page.title)
        font.family: Theme.fontFamily
        Label {
            width: parent.width
            wrapMode: Text.WordWrap
            text: qsTr("You will stop getting its messages on all your devices, and a member has to invite you to come back. The messages you have stay on this device.")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.secondarySize
            color: Theme.textSecondary
        }
        footer: DialogButtonBox {
            Button {
                objectName: "confirmLeaveButton"
                text: qsTr("Leave")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        onAccepted: GroupsController.leaveCurrent()
    }
    Keys.onEscapePressed: page.back()
}
