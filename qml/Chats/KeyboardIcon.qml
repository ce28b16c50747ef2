import QtQuick

// A keyboard from shapes: a frame, two rows of keys and a space bar.
Item {
    id: icon
    property color color: "black"
    implicitWidth: 24
    implicitHeight: 18
    Rectangle {
        anchors.fill: parent
        radius: 3
        color: "transparent"
        border.width: 2
        border.color: icon.color
    }
    Grid {
        x: 5
        y: 4
        columns: 5
        spacing: 1.5
        Repeater {
            model: 10
            Rectangle { width: 2; height: 2; color: icon.color }
        }
    }
    Rectangle {
        x: parent.width * 0.3
        y: parent.height - 6
        width: parent.width * 0.4
        height: 2
        color: icon.color
    }
}
