import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Contacts

// 通讯录: search, "New friends" with the pending count, then friends A-Z under letter headers
// with an index strip on the right.
Rectangle {
    id: page
    objectName: "contactsPage"
    property string selectedJid: ""
    signal openRequests()
    signal openAddFriend()
    signal openProfile(string jid)
    color: Theme.surface

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        SearchField {
            id: search
            objectName: "contactSearch"
            Layout.fillWidth: true
            Layout.margins: Theme.grid * 2
            placeholderText: qsTr("Search friends")
            onTextChanged: FriendsController.contacts.filter = text
        }
        ItemDelegate {
            objectName: "newFriendsRow"
            leftPadding: Theme.grid * 4
            rightPadding: Theme.grid * 4
            visible: search.text.length === 0
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.contactRowHeight
            Accessible.name: FriendsController.requests.pending > 0
                             ? qsTr("New friends, %n waiting", "", FriendsController.requests.pending)
                             : qsTr("New friends")
            onClicked: page.openRequests()
            background: Rectangle { color: parent.down ? Theme.pressedRow : Theme.surface }
            contentItem: RowLayout {
                spacing: Theme.grid * 3
                Rectangle {
                    Layout.preferredWidth: Theme.avatarSize
                    Layout.preferredHeight: Theme.avatarSize
                    radius: Theme.avatarRadius
                    color: Theme.warning
                    // A person with a plus: drawn, no icon font needed.
                    Rectangle { x: 12; y: 9; width: 12; height: 12; radius: 6; color: "transparent"; border.width: 2; border.color: Theme.textOnPrimary }
                    Rectangle { x: 8; y: 23; width: 20; height: 10; radius: 5; color: "transparent"; border.width: 2; border.color: Theme.textOnPrimary }
                    Rectangle { x: 29; y: 18; width: 10; height: 2; color: Theme.textOnPrimary }
                    Rectangle { x: 33; y: 14; width: 2; height: 10; color: Theme.textOnPrimary }
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("New friends")
                    color: Theme.textPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.listTitleSize
                }
                Badge {
                    objectName: "requestsBadge"
                    text: FriendsController.badgeText(FriendsController.requests.pending)
                    color: Theme.danger
                }
            }
            Rectangle { anchors.bottom: parent.bottom; x: Theme.grid * 4 + Theme.avatarSize + Theme.grid * 3; width: parent.width - x; height: 1; color: Theme.divider }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: list
                objectName: "contactList"
                anchors.fill: parent
                clip: true
                model: FriendsController.contacts
                section.property: "section"
                section.criteria: ViewSection.FullString
                section.delegate: Rectangle {
                    required property string section
                    width: ListView.view.width
                    height: Theme.sectionHeaderHeight
                    color: Theme.windowBackground
                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        x: Theme.grid * 4
                        text: parent.section
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.captionSize
                        font.weight: Font.DemiBold
                    }
                }
                delegate: ItemDelegate {
                    id: row
                    required property string jid
                    required property string name
                    required property string initial
                    required property int colorIndex
                    required property bool blocked
                    required property int index
                    objectName: "contact_" + index
                    leftPadding: Theme.grid * 4
                    rightPadding: Theme.grid * 4
                    width: ListView.view.width
                    height: Theme.contactRowHeight
                    Accessible.name: name
                    onClicked: page.openProfile(jid)
                    background: Rectangle {
                        color: row.down ? Theme.pressedRow
                                        : page.selectedJid === row.jid ? Theme.selectedRow : Theme.surface
                    }
                    contentItem: RowLayout {
                        spacing: Theme.grid * 3
                        Avatar { letter: row.initial; colorIndex: row.colorIndex }
                        Text {
                            Layout.fillWidth: true
                            Layout.rightMargin: Theme.indexStripWidth
                            text: row.name
                            horizontalAlignment: Text.AlignLeft
                            elide: Text.ElideRight
                            color: row.blocked ? Theme.textHint : Theme.textPrimary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.listTitleSize
                        }
                    }
                    Rectangle { anchors.bottom: parent.bottom; x: Theme.grid * 4 + Theme.avatarSize + Theme.grid * 3; width: parent.width - x; height: 1; color: Theme.divider }
                }
                ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            }
            AlphabetIndex {
                objectName: "alphabetIndex"
                visible: list.count > 0 && search.text.length === 0
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                letters: FriendsController.contacts.sections
                onPicked: letter => {
                    const row = FriendsController.contacts.rowForSection(letter)
                    if (row >= 0)
                        list.positionViewAtIndex(row, ListView.Beginning)
                }
            }
            EmptyState {
                objectName: "contactsEmptyState"
                visible: list.count === 0
                anchors.centerIn: parent
                width: parent.width - Theme.grid * 12
                text: search.text.length > 0 ? qsTr("No friend matches “%1”").arg(search.text)
                                             : qsTr("No friends yet")
                actionText: search.text.length > 0 ? "" : qsTr("Add a friend")
                actionName: "contactsAddFriendButton"
                onAction: page.openAddFriend()
            }
        }
    }
}
