import QtQuick
import IMpTech.Components

// Delivery state of an own message, drawn (no icon font): a clock while sending, one tick when
// the server has it, two when delivered, two blue ticks when read.
Canvas {
    id: ticks
    property string state: ""
    implicitWidth: state === "sending" ? 12 : state === "sent" ? 12 : 17
    implicitHeight: 12
    visible: state.length > 0
    Accessible.role: Accessible.StaticText
    Accessible.name: state === "sending" ? qsTr("Sending") : state === "sent" ? qsTr("Sent")
                     : state === "delivered" ? qsTr("Delivered") : qsTr("Read")
    readonly property color ink: state === "read" ? Theme.tickRead : Theme.tickUnread
    onStateChanged: requestPaint()
    onInkChanged: requestPaint()
    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        ctx.strokeStyle = ink
        ctx.lineWidth = 1.6
        ctx.lineCap = "round"
        ctx.lineJoin = "round"
        if (state === "sending") {
            ctx.beginPath()
            ctx.arc(6, 6, 4.8, 0, 2 * Math.PI)
            ctx.moveTo(6, 3.4)
            ctx.lineTo(6, 6)
            ctx.lineTo(8, 7.2)
            ctx.stroke()
            return
        }
        function tick(dx) {
            ctx.beginPath()
            ctx.moveTo(1 + dx, 6.5)
            ctx.lineTo(4 + dx, 9.5)
            ctx.lineTo(10.5 + dx, 2.5)
            ctx.stroke()
        }
        tick(0)
        if (state === "delivered" || state === "read")
            tick(5)
    }
}
