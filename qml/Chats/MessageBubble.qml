import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Chats

// One message: own on the right (blue), the peer's on the left (white) with their avatar; a
// date chip when a new day starts; a grey line when recalled. Text is selectable, links open.
Item {
    id: bubble
    required property int index
    required property var messageId
    required property string body
    required property string richText
    required property bool outgoing
    required property string deliveryState
    required property bool recalled
    required property string timeText
    required property bool dateSeparator
    required property string dateText
    required property string attachmentKind
    required property int durationMs
    required property var waveform
    required property string attachmentName
    required property real attachmentSize
    required property string transfer
    required property bool played
    required property real progress
    required property string mediaSource
    // Groups: who wrote an incoming message, named above it with their own avatar.
    required property string senderName
    required property string senderInitial
    required property int senderColorIndex
    readonly property bool hasAttachment: attachmentKind.length > 0
    property string peerInitial: "#"
    property int peerColorIndex: 0
    property real maxBubbleWidth: width * Theme.bubbleMaxWidthRatio
    signal menuRequested(int row, Item item, real x, real y)
    signal photoRequested(var messageId)

    width: ListView.view ? ListView.view.width : 300
    implicitHeight: column.implicitHeight + Theme.grid * 2

    Column {
        id: column
        y: Theme.grid
        width: parent.width
        spacing: Theme.grid * 2

        // New day
        Item {
            visible: bubble.dateSeparator
            width: parent.width
            height: chip.height + Theme.grid * 2
            Rectangle {
                id: chip
                anchors.centerIn: parent
                width: chipText.implicitWidth + Theme.grid * 4
                height: chipText.implicitHeight + Theme.grid
                radius: height / 2
                color: Theme.separatorChip
                Text {
                    id: chipText
                    anchors.centerIn: parent
                    text: bubble.dateText
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.captionSize
                }
            }
        }

        // Recalled: a quiet line in the middle.
        Text {
            objectName: "recalledNotice"
            visible: bubble.recalled
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: bubble.outgoing ? qsTr("You recalled a message") : qsTr("The other person recalled a message")
            color: Theme.textHint
            font.family: Theme.fontFamily
            font.pixelSize: Theme.captionSize
        }

        Row {
            visible: !bubble.recalled
            layoutDirection: bubble.outgoing ? Qt.RightToLeft : Qt.LeftToRight
            x: Theme.grid * 3
            width: parent.width - Theme.grid * 6
            spacing: Theme.grid * 2
            Avatar {
                visible: !bubble.outgoing
                size: Theme.chatAvatarSize
                letter: bubble.senderName.length > 0 ? bubble.senderInitial : bubble.peerInitial
                colorIndex: bubble.senderName.length > 0 ? bubble.senderColorIndex : bubble.peerColorIndex
            }
            Column {
                spacing: 2
                Text {
                    objectName: "senderName_" + bubble.index
                    visible: bubble.senderName.length > 0
                    width: Math.min(implicitWidth, bubble.maxBubbleWidth)
                    text: bubble.senderName
                    elide: Text.ElideRight
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.captionSize
                }
                Rectangle {
                    id: box
                    objectName: "bubble_" + bubble.index
                    readonly property real textMax: bubble.maxBubbleWidth - 2 * Theme.bubblePaddingH
                    readonly property real metaWidth: meta.implicitWidth + Theme.grid * 2
                    width: Math.min(bubble.maxBubbleWidth,
                                    Math.max(bubble.hasAttachment ? attachment.implicitWidth : measure.implicitWidth,
                                             meta.implicitWidth) + 2 * Theme.bubblePaddingH)
                    height: (bubble.hasAttachment ? attachment.implicitHeight : text.height) + meta.height
                            + 2 * Theme.bubblePaddingV + 2
                    radius: Theme.bubbleRadius
                    color: bubble.outgoing ? Theme.ownBubble : Theme.peerBubble
                    Accessible.role: Accessible.StaticText
                    Accessible.name: (bubble.outgoing ? qsTr("You: %1")
                                      : bubble.senderName.length > 0 ? qsTr("%1: %2").arg(bubble.senderName)
                                      : qsTr("Them: %1"))
                                     .arg(bubble.hasAttachment ? attachment.Accessible.name : bubble.body)

                    AttachmentContent {
                        id: attachment
                        objectName: "attachment_" + bubble.index
                        visible: bubble.hasAttachment
                        x: Theme.bubblePaddingH
                        y: Theme.bubblePaddingV
                        width: parent.width - 2 * Theme.bubblePaddingH
                        height: implicitHeight
                        kind: bubble.attachmentKind
                        durationMs: bubble.durationMs
                        waveform: bubble.waveform
                        name: bubble.attachmentName
                        size: bubble.attachmentSize
                        transfer: bubble.transfer
                        played: bubble.played
                        outgoing: bubble.outgoing
                        maxWidth: box.textMax
                        progress: bubble.progress
                        mediaSource: bubble.mediaSource
                        playing: VoiceController.playingId == bubble.messageId && !VoiceController.paused
                        playProgress: VoiceController.playingId == bubble.messageId ? VoiceController.playProgress : 0
                    }

                    // Measures the unwrapped width, so short messages get short bubbles.
                    Text {
                        id: measure
                        visible: false
                        text: bubble.richText
                        textFormat: Text.RichText
                        font: text.font
                    }
                    TextEdit {
                        id: text
                        objectName: "messageText"
                        visible: !bubble.hasAttachment
                        x: Theme.bubblePaddingH
                        y: Theme.bubblePaddingV
                        width: parent.width - 2 * Theme.bubblePaddingH
                        readOnly: true
                        selectByMouse: true
                        persistentSelection: false
                        wrapMode: TextEdit.Wrap
                        textFormat: TextEdit.RichText
                        text: "<style>a { color: " + Theme.primary + "; }</style>" + bubble.richText
                        color: bubble.outgoing ? Theme.ownBubbleText : Theme.peerBubbleText
                        selectionColor: Theme.primary
                        selectedTextColor: Theme.textOnPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.bodySize
                        onLinkActivated: link => Qt.openUrlExternally(link)
                        HoverHandler {
                            cursorShape: text.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor
                        }
                    }
                    Row {
                        id: meta
                        anchors.right: parent.right
                        anchors.rightMargin: Theme.bubblePaddingH - 2
                        anchors.bottom: parent.bottom
                        anchors.bottomMargin: Theme.grid + 2
                        spacing: Theme.grid
                        Text {
                            text: bubble.timeText
                            color: Theme.textHint
                            font.family: Theme.fontFamily
                            font.pixelSize: 11
                        }
                        Ticks {
                            objectName: "ticks_" + bubble.index
                            anchors.verticalCenter: parent.verticalCenter
                            state: bubble.deliveryState
                        }
                    }
                    // A tap plays a voice note, retries what failed, or fetches a file.
                    TapHandler {
                        enabled: bubble.hasAttachment
                        acceptedButtons: Qt.LeftButton
                        onTapped: {
                            if (bubble.attachmentKind === "voice")
                                VoiceController.togglePlay(bubble.messageId)
                            else if (!ChatsController.activateAttachment(bubble.messageId)
                                     && bubble.mediaSource.length > 0)
                                bubble.photoRequested(bubble.messageId)
                        }
                    }
                    TapHandler {
                        acceptedButtons: Qt.RightButton
                        onTapped: eventPoint => bubble.menuRequested(bubble.index, box, eventPoint.position.x, eventPoint.position.y)
                    }
                    TapHandler {
                        acceptedDevices: PointerDevice.TouchScreen
                        onLongPressed: bubble.menuRequested(bubble.index, box, point.position.x, point.position.y)
                    }
                }
            }
        }
    }
}
