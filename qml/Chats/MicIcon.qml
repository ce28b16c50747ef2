import QtQuick

// A microphone from shapes (no icon font is guaranteed on every platform).
Item {
    id: icon
    property color color: "black"
    implicitWidth: 20
    implicitHeight: 24
    Rectangle {
        x: parent.width / 2 - width / 2
        y: 0
        width: parent.width * 0.45
        height: parent.height * 0.6
        radius: width / 2
        color: icon.color
    }
    Item { // the cradle: the lower half of a ring
        x: parent.width * 0.1
        y: parent.height * 0.42
        width: parent.width * 0.8
        height: parent.height * 0.38
        clip: true
        Rectangle {
            y: -parent.height
            width: parent.width
            height: parent.height * 2
            radius: width / 2
            color: "transparent"
            border.width: 2
            border.color: icon.color
        }
    }
    Rectangle {
        x: parent.width / 2 - 1
        y: parent.height * 0.78
        width: 2
        height: parent.height * 0.16
        color: icon.color
    }
    Rectangle {
        x: parent.width * 0.3
        y: parent.height * 0.92
        width: parent.width * 0.4
        height: 2
        radius: 1
        color: icon.color
    }
}
