import QtQuick

// A short notice at the bottom ("已复制", "已发送好友申请") that fades after a moment.
Rectangle {
    id: toast
    objectName: "toast"
    property alias text: label.text
    function show(message) {
        label.text = message
        opacity = 1
        hide.restart()
    }
    visible: opacity > 0
    opacity: 0
    width: Math.min(label.implicitWidth + Theme.grid * 8, parent ? parent.width - Theme.grid * 8 : 320)
    height: label.implicitHeight + Theme.grid * 4
    radius: Theme.radius
    color: Theme.toastBackground
    Accessible.role: Accessible.AlertMessage
    Accessible.name: label.text
    Behavior on opacity { NumberAnimation { duration: 150 } }
    Timer { id: hide; interval: 2200; onTriggered: toast.opacity = 0 }
    Text {
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, toast.width - Theme.grid * 8)
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: Theme.toastText
        font.family: Theme.fontFamily
        font.pixelSize: Theme.secondarySize
    }
}
