import QtQuick
import IMpTech.Components

// The right-edge A-Z strip: tap or drag over a letter to jump to its section.
Item {
    id: strip
    property var letters: []
    signal picked(string letter)
    implicitWidth: Theme.indexStripWidth
    implicitHeight: column.implicitHeight
    Accessible.role: Accessible.ScrollBar
    Accessible.name: qsTr("Alphabetical index")

    Column {
        id: column
        anchors.horizontalCenter: parent.horizontalCenter
        Repeater {
            model: strip.letters
            Text {
                required property string modelData
                width: strip.width
                height: 16
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                text: modelData
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: 11
                font.weight: Font.DemiBold
            }
        }
    }
    MouseArea {
        anchors.fill: column
        // Wider than the letters so a thumb finds it (the strip is a 44 px target with its margin).
        anchors.leftMargin: -Theme.grid * 3
        function pick(y) {
            if (strip.letters.length === 0)
                return
            const i = Math.max(0, Math.min(strip.letters.length - 1, Math.floor(y / 16)))
            strip.picked(strip.letters[i])
        }
        onPressed: mouse => pick(mouse.y)
        onPositionChanged: mouse => pick(mouse.y)
    }
}
