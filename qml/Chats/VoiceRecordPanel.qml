import QtQuick
import IMpTech.Components
import IMpTech.Chats

// While a voice note records: the microphone's level, the time (or the countdown near the
// minute) and what releasing will do. Red when sliding up has armed the cancel.
Rectangle {
    id: panel
    objectName: "voiceRecordPanel"
    visible: VoiceController.recording
    width: Theme.grid * 44
    height: Theme.grid * 40
    radius: Theme.cardRadius
    color: VoiceController.cancelArmed ? Theme.danger : "#E61F2937"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: VoiceController.hint

    Column {
        anchors.centerIn: parent
        spacing: Theme.grid * 3
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.grid * 3
            MicIcon {
                visible: !VoiceController.cancelArmed
                width: 28
                height: 40
                color: "white"
                anchors.verticalCenter: parent.verticalCenter
            }
            Text { // a cross: release to cancel
                visible: VoiceController.cancelArmed
                text: "\u2715"
                color: "white"
                font.pixelSize: 36
                anchors.verticalCenter: parent.verticalCenter
            }
            // Five bars that follow the level.
            Row {
                objectName: "voiceLevel"
                visible: !VoiceController.cancelArmed
                anchors.verticalCenter: parent.verticalCenter
                spacing: 3
                Repeater {
                    model: 5
                    Rectangle {
                        required property int index
                        width: 5
                        height: 6 + index * 5
                        radius: 2
                        anchors.bottom: parent.bottom
                        color: "white"
                        opacity: Math.sqrt(VoiceController.level) * 5 > index ? 1 : 0.3
                    }
                }
            }
        }
        Text {
            objectName: "voiceElapsed"
            anchors.horizontalCenter: parent.horizontalCenter
            text: VoiceController.elapsedText
            color: "white"
            font.family: Theme.fontFamily
            font.pixelSize: Theme.listTitleSize
        }
        Text {
            objectName: "voiceHint"
            anchors.horizontalCenter: parent.horizontalCenter
            width: panel.width - Theme.grid * 6
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: VoiceController.hint
            color: "white"
            font.family: Theme.fontFamily
            font.pixelSize: Theme.secondarySize
        }
    }
}
