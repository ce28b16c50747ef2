import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Contacts

// A person's card: avatar letter, nickname, IMpTech ID, then send message, remove friend,
// block/unblock and report.
Rectangle {
    id: page
    objectName: "profileCard"
    required property string jid
    property bool showBack: true
    property var info: FriendsController.contactInfo(jid)
    signal back()
    signal openChat(string jid)
    color: Theme.windowBackground

    function refresh() { info = FriendsController.contactInfo(jid) }
    Connections {
        target: FriendsController.contacts
        function onCountChanged() { page.refresh() }
    }
    Connections {
        target: FriendsController.requests
        function onCountChanged() { page.refresh() }
    }
    Connections {
        target: FriendsController
        function onRequestBusyChanged() { page.refresh() }
        function onFriendRemoved(removed) { if (removed === page.jid) page.back() }
    }

    component ActionRow: ItemDelegate {
        property color textColor: Theme.textPrimary
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTarget + 8
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        Accessible.name: text
        enabled: !FriendsController.requestBusy
        contentItem: Text {
            text: parent.text
            font: parent.font
            color: parent.textColor
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: Rectangle { color: parent.down ? Theme.pressedRow : Theme.surface }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TitleBar {
            Layout.fillWidth: true
            title: qsTr("Profile")
            showBack: page.showBack
            onBack: page.back()
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 112
            color: Theme.surface
            RowLayout {
                anchors.fill: parent
                anchors.margins: Theme.grid * 4
                spacing: Theme.grid * 4
                Avatar { size: 64; letter: page.info.initial || "#"; colorIndex: page.info.colorIndex || 0 }
                Column {
                    Layout.fillWidth: true
                    spacing: Theme.grid
                    Text {
                        objectName: "profileName"
                        width: parent.width
                        text: page.info.name || ""
                        horizontalAlignment: Text.AlignLeft
                        elide: Text.ElideRight
                        color: Theme.textPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.pageTitleSize
                        font.weight: Font.DemiBold
                    }
                    Text {
                        objectName: "profileImptechId"
                        width: parent.width
                        visible: (page.info.imptechId || "").length > 0
                        text: qsTr("IMpTech ID: %1").arg(page.info.imptechId || "")
                        elide: Text.ElideRight
                        color: Theme.textSecondary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.secondarySize
                    }
                    Text {
                        visible: page.info.blocked === true
                        text: qsTr("Blocked")
                        color: Theme.danger
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.captionSize
                    }
                }
            }
        }
        Item { Layout.preferredHeight: Theme.grid * 3 }
        PrimaryButton {
            objectName: "profileMessageButton"
            visible: page.info.isFriend === true
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.onboardingMaxWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.grid * 4
            Layout.rightMargin: Theme.grid * 4
            text: qsTr("Send message")
            onClicked: page.openChat(page.jid)
        }
        Item { Layout.preferredHeight: Theme.grid * 3 }
        ActionRow {
            objectName: "profileBlockButton"
            text: page.info.blocked ? qsTr("Unblock") : qsTr("Block")
            onClicked: page.info.blocked ? FriendsController.unblock(page.jid) : blockConfirm.open()
        }
        Rectangle { Layout.fillWidth: true; Layout.preferredHeight: 1; color: Theme.divider }
        ActionRow {
            objectName: "profileReportButton"
            text: qsTr("Report")
            onClicked: reportDialog.open()
        }
        Rectangle { Layout.fillWidth: true; Layout.preferredHeight: 1; color: Theme.divider; visible: removeRow.visible }
        ActionRow {
            id: removeRow
            objectName: "profileRemoveButton"
            visible: page.info.isFriend === true
            text: qsTr("Remove friend")
            textColor: Theme.danger
            onClicked: removeConfirm.open()
        }
        Item { Layout.fillHeight: true }
    }

    Dialog {
        id: removeConfirm
        objectName: "removeConfirm"
        modal: true
        anchors.centerIn: parent
        width: Math.min(page.width - Theme.grid * 8, 400)
        title: qsTr("Remove %1?").arg(page.info.name || "")
        font.family: Theme.fontFamily
        Text {
            width: parent.width
            text: qsTr("You will also disappear from their list. Your chat history stays on this device.")
            wrapMode: Text.WordWrap
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.secondarySize
        }
        footer: DialogButtonBox {
            TextButton { text: qsTr("Cancel"); textColor: Theme.textSecondary; DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
            TextButton { objectName: "removeConfirmButton"; text: qsTr("Remove"); textColor: Theme.danger; DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole }
        }
        onAccepted: FriendsController.removeFriend(page.jid)
    }
    Dialog {
        id: blockConfirm
        modal: true
        anchors.centerIn: parent
        width: Math.min(page.width - Theme.grid * 8, 400)
        title: qsTr("Block %1?").arg(page.info.name || "")
        font.family: Theme.fontFamily
        Text {
            width: parent.width
            text: qsTr("You will not get their messages or friend requests. You can unblock them later.")
            wrapMode: Text.WordWrap
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.secondarySize
        }
        footer: DialogButtonBox {
            TextButton { text: qsTr("Cancel"); textColor: Theme.textSecondary; DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
            TextButton { objectName: "blockConfirmButton"; text: qsTr("Block"); textColor: Theme.danger; DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole }
        }
        onAccepted: FriendsController.block(page.jid)
    }
    ReportDialog {
        id: reportDialog
        name: page.info.name || ""
        onSubmitted: (reason, note) => FriendsController.report(page.jid, reason, note)
    }
}
