import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Groups

// Invitations from people who are not friends: joined only when the user says so.
Column {
    id: banner
    objectName: "invitationBanner"
    visible: GroupsController.invitations.length > 0
    Repeater {
        model: GroupsController.invitations
        Rectangle {
            id: entry
            required property var modelData
            required property int index
            width: banner.width
            implicitHeight: layout.implicitHeight + Theme.grid * 4
            color: Theme.warningSurface
            ColumnLayout {
                id: layout
                anchors.fill: parent
                anchors.margins: Theme.grid * 2
                anchors.leftMargin: Theme.grid * 4
                spacing: 0
                Text {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: qsTr("%1, who is not your friend, invited you to a group.").arg(entry.modelData.inviter)
                    color: Theme.textPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.secondarySize
                }
                RowLayout {
                    Layout.alignment: Qt.AlignRight
                    TextButton {
                        objectName: "declineInvitation_" + entry.index
                        text: qsTr("Ignore")
                        textColor: Theme.textSecondary
                        onClicked: GroupsController.declineInvitation(entry.modelData.room)
                    }
                    TextButton {
                        objectName: "acceptInvitation_" + entry.index
                        text: qsTr("Join")
                        onClicked: GroupsController.acceptInvitation(entry.modelData.room)
                    }
                }
            }
        }
    }
}
