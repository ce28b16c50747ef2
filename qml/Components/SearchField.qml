import QtQuick
import QtQuick.Controls.Basic

// A rounded search box with a placeholder; 44 px tall.
TextField {
    id: field
    implicitHeight: Theme.touchTarget - 8
    leftPadding: Theme.grid * 3
    rightPadding: Theme.grid * 3
    font.family: Theme.fontFamily
    font.pixelSize: Theme.secondarySize
    color: Theme.textPrimary
    placeholderTextColor: Theme.textHint
    selectByMouse: true
    Accessible.name: placeholderText
    background: Rectangle {
        radius: Theme.radius
        color: Theme.windowBackground
        border.width: field.activeFocus ? 1 : 0
        border.color: Theme.primary
    }
}
