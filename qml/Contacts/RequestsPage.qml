import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Contacts

// 新的朋友: incoming requests with their greeting (accept or decline), and those we sent.
Rectangle {
    id: page
    objectName: "requestsPage"
    property bool showBack: true
    signal back()
    signal openAddFriend()
    signal openProfile(string jid)
    color: Theme.windowBackground

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TitleBar {
            Layout.fillWidth: true
            title: qsTr("New friends")
            showBack: page.showBack
            onBack: page.back()
        }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: list
                objectName: "requestList"
                anchors.fill: parent
                clip: true
                model: FriendsController.requests
                delegate: Rectangle {
                    id: row
                    required property string jid
                    required property string name
                    required property string greeting
                    required property bool incoming
                    required property string requestState
                    required property string initial
                    required property int colorIndex
                    required property int index
                    width: ListView.view.width
                    height: Math.max(Theme.conversationRowHeight, texts.implicitHeight + Theme.grid * 6)
                    color: Theme.surface
                    // Under the buttons, so Accept and Decline keep their own taps.
                    MouseArea {
                        anchors.fill: parent
                        onClicked: page.openProfile(row.jid)
                    }
                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: Theme.grid * 4
                        anchors.rightMargin: Theme.grid * 4
                        spacing: Theme.grid * 3
                        Avatar { letter: row.initial; colorIndex: row.colorIndex }
                        Column {
                            id: texts
                            Layout.fillWidth: true
                            spacing: 2
                            Text {
                                width: parent.width
                                text: row.name
                                horizontalAlignment: Text.AlignLeft
                                elide: Text.ElideRight
                                color: Theme.textPrimary
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.listTitleSize
                            }
                            Text {
                                width: parent.width
                                text: row.incoming ? row.greeting : qsTr("Request sent")
                                visible: text.length > 0
                                maximumLineCount: 2
                                horizontalAlignment: Text.AlignLeft
                                wrapMode: Text.Wrap
                                elide: Text.ElideRight
                                color: Theme.textSecondary
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.secondarySize
                            }
                        }
                        // Pending incoming: the two answers. Else what became of it.
                        TextButton {
                            objectName: "decline_" + row.index
                            visible: row.incoming && row.requestState === "pending"
                            text: qsTr("Decline")
                            textColor: Theme.textSecondary
                            Accessible.name: qsTr("Decline %1").arg(row.name)
                            onClicked: FriendsController.decline(row.jid)
                        }
                        PrimaryButton {
                            objectName: "accept_" + row.index
                            visible: row.incoming && row.requestState === "pending"
                            implicitHeight: Theme.touchTarget - 8
                            implicitWidth: Math.max(64, contentItem.implicitWidth + Theme.grid * 6)
                            font.pixelSize: Theme.secondarySize
                            text: qsTr("Accept")
                            enabled: !FriendsController.requestBusy
                            Accessible.name: qsTr("Accept %1").arg(row.name)
                            onClicked: FriendsController.accept(row.jid)
                        }
                        Text {
                            visible: !(row.incoming && row.requestState === "pending")
                            text: row.requestState === "accepted" ? qsTr("Added")
                                  : row.requestState === "declined" ? qsTr("Declined")
                                  : qsTr("Waiting")
                            color: Theme.textHint
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.secondarySize
                        }
                    }
                    Rectangle { anchors.bottom: parent.bottom; x: Theme.grid * 4 + Theme.avatarSize + Theme.grid * 3; width: parent.width - x; height: 1; color: Theme.divider }
                }
            }
            EmptyState {
                objectName: "requestsEmptyState"
                visible: list.count === 0
                anchors.centerIn: parent
                width: parent.width - Theme.grid * 12
                text: qsTr("No friend requests")
                actionText: qsTr("Add a friend")
                onAction: page.openAddFriend()
            }
        }
    }
}
