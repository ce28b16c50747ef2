import QtQuick
import QtQuick.Controls.Basic

// The one main action of a screen: brand colour, full width, a large touch target.
Button {
    id: control
    implicitHeight: Theme.buttonHeight
    font.family: Theme.fontFamily
    font.pixelSize: Theme.listTitleSize
    Accessible.name: text
    focusPolicy: Qt.StrongFocus

    contentItem: Text {
        text: control.text
        font: control.font
        color: Theme.textOnPrimary
        opacity: control.enabled ? 1 : 0.7
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: Theme.radius
        color: !control.enabled ? Qt.lighter(Theme.primary, 1.6)
                                : control.down ? Theme.primaryPressed : Theme.primary
        border.width: control.visualFocus ? 2 : 0
        border.color: Theme.primaryPressed
    }
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
}
