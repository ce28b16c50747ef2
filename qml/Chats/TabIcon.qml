import QtQuick
import IMpTech.Components

// Simple line icons drawn with rectangles: no icon font or emoji font is needed.
Item {
    id: icon
    property int kind: 0 // 0 chats, 1 contacts, 2 me
    property color color: Theme.textSecondary
    implicitWidth: 24
    implicitHeight: 24

    // Chats: a speech bubble.
    Rectangle {
        visible: icon.kind === 0
        anchors.centerIn: parent
        width: parent.width * 0.85
        height: parent.height * 0.65
        radius: height * 0.35
        color: "transparent"
        border.width: 2
        border.color: icon.color
    }
    // Contacts: two heads and shoulders.
    Repeater {
        model: icon.kind === 1 ? 2 : (icon.kind === 2 ? 1 : 0)
        Item {
            required property int index
            readonly property real scaleFactor: icon.kind === 1 ? 0.7 : 1.0
            width: icon.width * scaleFactor
            height: icon.height
            x: icon.kind === 1 ? index * icon.width * 0.3 : 0
            Rectangle {
                anchors.horizontalCenter: parent.horizontalCenter
                y: parent.height * 0.08
                width: parent.width * 0.42
                height: width
                radius: width / 2
                color: "transparent"
                border.width: 2
                border.color: icon.color
            }
            Rectangle {
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: parent.height * 0.06
                width: parent.width * 0.8
                height: parent.height * 0.32
                radius: height / 2
                color: "transparent"
                border.width: 2
                border.color: icon.color
            }
        }
    }
}
