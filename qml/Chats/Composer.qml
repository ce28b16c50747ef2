import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.Dialogs
import IMpTech.Components
import IMpTech.Groups
import IMpTech.Chats

// The message box: Enter sends, Shift+Enter adds a line; grows up to a few lines. The button on
// the left switches to "hold to talk" (Ctrl+Shift+R records from the keyboard, Esc cancels).
Rectangle {
    id: composer
    objectName: "composer"
    property alias text: input.text
    property bool voiceMode: false
    signal sent()
    implicitHeight: voiceMode ? Theme.touchTarget + Theme.grid * 4
                              : Math.min(input.implicitHeight, Theme.composerMaxHeight) + Theme.grid * 4
    color: Theme.surface

    function send() {
        if (input.text.trim().length === 0)
            return
        if (ChatsController.send(input.text)) {
            input.clear()
            ChatsController.setComposing(false)
            composer.sent()
        }
    }
    function focusInput() { input.forceActiveFocus() }

    Shortcut {
        sequence: "Ctrl+Shift+R"
        onActivated: VoiceController.toggleByKey()
    }
    Shortcut {
        sequence: "Esc"
        enabled: VoiceController.recording
        onActivated: VoiceController.cancelRecording()
    }

    Rectangle { width: parent.width; height: 1; color: Theme.divider }
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.grid * 3
        anchors.rightMargin: Theme.grid * 3
        anchors.topMargin: Theme.grid * 2
        anchors.bottomMargin: Theme.grid * 2
        spacing: Theme.grid * 2
        ToolButton {
            id: modeButton
            objectName: "voiceModeButton"
            Layout.preferredWidth: Theme.touchTarget
            Layout.preferredHeight: Theme.touchTarget
            Layout.alignment: Qt.AlignBottom
            Accessible.name: composer.voiceMode ? qsTr("Keyboard") : qsTr("Voice message")
            onClicked: {
                composer.voiceMode = !composer.voiceMode
                if (!composer.voiceMode)
                    input.forceActiveFocus()
            }
            contentItem: Item {
                MicIcon {
                    visible: !composer.voiceMode
                    anchors.centerIn: parent
                    width: 16
                    height: 22
                    color: Theme.textSecondary
                }
                KeyboardIcon {
                    visible: composer.voiceMode
                    anchors.centerIn: parent
                    color: Theme.textSecondary
                }
            }
            background: Rectangle {
                radius: width / 2
                color: "transparent"
                border.width: 1.5
                border.color: modeButton.down ? Theme.primary : Theme.textHint
            }
        }
        HoldToTalkBar {
            visible: composer.voiceMode
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget
            Layout.alignment: Qt.AlignVCenter
        }
        ScrollView {
            visible: !composer.voiceMode
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.alignment: Qt.AlignVCenter
            TextArea {
                id: input
                objectName: "composerInput"
                wrapMode: TextArea.Wrap
                placeholderText: qsTr("Message")
                placeholderTextColor: Theme.textHint
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                selectByMouse: true
                Accessible.name: qsTr("Message")
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.windowBackground
                    border.width: input.activeFocus ? 1 : 0
                    border.color: Theme.primary
                }
                topPadding: Theme.grid * 2 + 2
                bottomPadding: Theme.grid * 2 + 2
                leftPadding: Theme.grid * 3
                rightPadding: Theme.grid * 3
                onTextChanged: {
                    typing.restart()
                    // In a group, a fresh "@" offers the members to mention.
                    if (GroupsController.current.length > 0)
                        Qt.callLater(() => {
                            if (GroupsController.mentionStartsAt(input.text, input.cursorPosition))
                                mentions.open()
                        })
                }
                Keys.onPressed: event => {
                    // A pasted image is sent as a photo; pasted text goes into the box.
                    if (event.matches(StandardKey.Paste) && AttachmentController.pasteImage()) {
                        event.accepted = true
                        return
                    }
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && !(event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true
                        composer.send()
                    }
                }
                MentionPicker {
                    id: mentions
                    y: -height - Theme.grid
                    onPicked: text => {
                        input.insert(input.cursorPosition, text)
                        input.forceActiveFocus()
                    }
                }
                Timer {
                    // Tell the peer we type while keys come in, and stop 5 s after the last one.
                    id: typing
                    interval: 5000
                    onRunningChanged: if (running && input.text.length > 0) ChatsController.setComposing(true)
                    onTriggered: ChatsController.setComposing(false)
                }
            }
        }
        ToolButton {
            id: attachButton
            objectName: "attachButton"
            visible: !composer.voiceMode && input.text.trim().length === 0
            Layout.preferredWidth: Theme.touchTarget
            Layout.preferredHeight: Theme.touchTarget
            Layout.alignment: Qt.AlignBottom
            Accessible.name: qsTr("Send a photo or file")
            onClicked: filePicker.open()
            contentItem: Text {
                text: "+"
                color: Theme.textSecondary
                font.pixelSize: 26
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                radius: width / 2
                color: "transparent"
                border.width: 1.5
                border.color: attachButton.down ? Theme.primary : Theme.textHint
            }
        }
        FileDialog {
            id: filePicker
            fileMode: FileDialog.OpenFiles
            title: qsTr("Send a photo or file")
            onAccepted: AttachmentController.sendFiles(selectedFiles)
        }
        Button {
            id: sendButton
            objectName: "sendButton"
            visible: !composer.voiceMode && !attachButton.visible
            Layout.preferredHeight: Theme.touchTarget
            Layout.preferredWidth: Math.max(64, implicitContentWidth + Theme.grid * 6)
            Layout.alignment: Qt.AlignBottom
            enabled: input.text.trim().length > 0
            text: qsTr("Send")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            Accessible.name: text
            onClicked: composer.send()
            contentItem: Text {
                text: sendButton.text
                font: sendButton.font
                color: Theme.textOnPrimary
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                radius: Theme.radius
                color: !sendButton.enabled ? Qt.lighter(Theme.primary, 1.6)
                                           : sendButton.down ? Theme.primaryPressed : Theme.primary
            }
        }
    }
}
