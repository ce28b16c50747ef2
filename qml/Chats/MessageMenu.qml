import QtQuick
import QtQuick.Controls.Basic
import IMpTech.Components
import IMpTech.Chats

// Long press or right-click on a message: copy, recall (own, within 2 minutes), delete on this
// device, report.
Menu {
    id: menu
    objectName: "messageMenu"
    property int row: -1
    property var message: ({})
    property bool canRecall: false
    signal reportRequested()
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize

    function openFor(r, item, x, y) {
        row = r
        message = ChatsController.messages.get(r)
        canRecall = ChatsController.messages.canRecall(r)
        popup(item, x, y)
    }

    MenuItem {
        objectName: "menuCopy"
        text: qsTr("Copy")
        enabled: !menu.message.recalled
        height: enabled ? Theme.touchTarget : 0
        onTriggered: ChatsController.copyText(menu.message.body)
    }
    MenuItem {
        objectName: "menuRecall"
        text: qsTr("Recall")
        enabled: menu.canRecall
        visible: menu.canRecall
        height: visible ? Theme.touchTarget : 0
        onTriggered: ChatsController.recall(menu.message.messageId)
    }
    MenuItem {
        objectName: "menuDelete"
        text: qsTr("Delete on this device")
        height: Theme.touchTarget
        onTriggered: ChatsController.deleteLocally(menu.message.messageId)
    }
    MenuItem {
        objectName: "menuReport"
        text: qsTr("Report")
        enabled: !menu.message.outgoing
        visible: enabled
        height: visible ? Theme.touchTarget : 0
        onTriggered: menu.reportRequested()
    }
}
