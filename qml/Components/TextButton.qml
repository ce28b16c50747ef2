import QtQuick
import QtQuick.Controls.Basic

// A secondary action: text only, still a full-size touch target.
Button {
    id: control
    property color textColor: Theme.primary
    flat: true
    implicitHeight: Theme.touchTarget
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize
    Accessible.name: text
    focusPolicy: Qt.StrongFocus

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.enabled ? control.textColor : Theme.textHint
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Theme.divider : "transparent"
        border.width: control.visualFocus ? 2 : 0
        border.color: Theme.primary
    }
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
}
