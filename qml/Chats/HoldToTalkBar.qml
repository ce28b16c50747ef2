import QtQuick
import IMpTech.Components
import IMpTech.Chats

// "Hold to talk": press and hold records, sliding up past the bar arms the cancel, releasing
// sends (or cancels). A quick click on a desktop starts recording and the next click sends.
// What each gesture means is decided by VoiceController; this only reports them.
Rectangle {
    id: bar
    objectName: "holdToTalk"
    radius: Theme.radius
    color: area.pressed || VoiceController.recording ? Theme.pressedRow : Theme.windowBackground
    border.width: 1
    border.color: Theme.divider
    Accessible.role: Accessible.Button
    Accessible.name: label.text

    Text {
        id: label
        anchors.centerIn: parent
        text: !VoiceController.recording ? qsTr("Hold to talk")
              : VoiceController.cancelArmed ? qsTr("Release to cancel")
              : area.pressed ? qsTr("Release to send") : qsTr("Click to send")
        color: VoiceController.cancelArmed ? Theme.danger : Theme.textPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.bold: true
    }
    MouseArea {
        id: area
        objectName: "holdToTalkArea"
        anchors.fill: parent
        preventStealing: true
        property double pressedAt: 0
        onPressed: mouse => {
            pressedAt = Date.now()
            VoiceController.press()
        }
        // Slide up by more than a finger's width above the bar to cancel.
        onPositionChanged: mouse => VoiceController.cancelArmed = VoiceController.recording
                                                                 && mouse.y < -Theme.grid * 12
        onReleased: VoiceController.release(Date.now() - pressedAt)
        onCanceled: VoiceController.cancelRecording()
    }
}
