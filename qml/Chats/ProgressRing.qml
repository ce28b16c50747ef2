import QtQuick
import IMpTech.Components

// How far an upload or download is: a ring that fills clockwise, with the percentage inside.
Item {
    id: ring
    property real value: 0 // 0..1
    Accessible.role: Accessible.ProgressBar
    Accessible.name: qsTr("%1 percent").arg(Math.round(value * 100))
    onValueChanged: canvas.requestPaint()
    Canvas {
        id: canvas
        anchors.fill: parent
        onPaint: {
            const ctx = getContext("2d")
            const r = Math.min(width, height) / 2 - 2
            ctx.reset()
            ctx.lineWidth = 3
            ctx.strokeStyle = Theme.divider
            ctx.beginPath()
            ctx.arc(width / 2, height / 2, r, 0, 2 * Math.PI)
            ctx.stroke()
            ctx.strokeStyle = Theme.primary
            ctx.beginPath()
            ctx.arc(width / 2, height / 2, r, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * ring.value)
            ctx.stroke()
        }
    }
    Text {
        anchors.centerIn: parent
        text: Math.round(ring.value * 100)
        color: Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: 9
    }
}
