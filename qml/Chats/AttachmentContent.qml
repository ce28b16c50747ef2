import QtQuick
import QtQuick.Controls.Basic
import IMpTech.Components

// What a bubble shows for a voice note, photo or file. A voice note grows with its length (as
// WeChat's do), shows its waveform and seconds, and marks an unheard one with a dot; a photo or
// a file shows its name, size and where its bytes are.
Item {
    id: content
    required property string kind // "voice", "image", "file"
    required property int durationMs
    required property var waveform
    required property string name
    required property real size
    required property string transfer
    required property bool played
    required property bool outgoing
    required property real maxWidth
    property real progress: -1 // 0..1 while uploading or downloading
    property string mediaSource: "" // a photo that is here: shown as a thumbnail
    readonly property bool thumbnail: kind === "image" && mediaSource.length > 0
    property bool playing: false
    property real playProgress: 0
    readonly property int seconds: Math.max(1, Math.round(durationMs / 1000))
    readonly property bool failed: transfer === "upload-failed" || transfer === "download-failed"

    implicitWidth: kind === "voice"
                   ? Math.min(maxWidth, Theme.grid * 16 + Math.min(60, seconds) * Theme.grid * 0.9)
                   : thumbnail ? photo.width : Math.min(maxWidth, Theme.grid * 60)
    implicitHeight: kind === "voice" ? Theme.grid * 6 : thumbnail ? photo.height : Theme.grid * 12

    function sizeText(bytes) {
        if (bytes <= 0)
            return ""
        if (bytes < 1024 * 1024)
            return qsTr("%1 KB").arg(Math.max(1, Math.round(bytes / 1024)))
        return qsTr("%1 MB").arg((bytes / 1024 / 1024).toFixed(1))
    }
    function statusText() {
        switch (transfer) {
        case "local": return qsTr("Sending…")
        case "upload-failed": return qsTr("Not sent")
        case "remote": return content.kind === "file" ? qsTr("Not downloaded") : qsTr("Loading…")
        case "download-failed": return qsTr("Could not be downloaded")
        }
        return ""
    }

    Accessible.role: Accessible.StaticText
    Accessible.name: kind === "voice" ? qsTr("Voice message, %n second(s)", "", seconds)
                                      : (kind === "image" ? qsTr("Photo %1") : qsTr("File %1")).arg(name)

    // Voice: play mark, bars, seconds.
    Row {
        visible: content.kind === "voice"
        anchors.verticalCenter: parent.verticalCenter
        layoutDirection: content.outgoing ? Qt.RightToLeft : Qt.LeftToRight
        width: parent.width
        spacing: Theme.grid
        Text {
            objectName: "voicePlay"
            // Play, or pause while this note plays; "!" when it did not make it (a tap retries).
            text: content.failed ? "!" : content.playing ? "\u275A\u275A" : "\u25B6"
            color: content.failed ? Theme.danger : Theme.primary
            font.pixelSize: content.playing ? Theme.captionSize : Theme.bodySize
            font.bold: content.failed
            anchors.verticalCenter: parent.verticalCenter
        }
        Row {
            id: bars
            anchors.verticalCenter: parent.verticalCenter
            spacing: 2
            readonly property int count: Math.max(3, Math.floor((content.width - Theme.grid * 12) / 4))
            Repeater {
                model: bars.count
                Rectangle {
                    required property int index
                    readonly property var peaks: content.waveform
                    readonly property int peak: peaks && peaks.length > 0
                                                ? peaks[Math.floor(index * peaks.length / bars.count)] : 60
                    width: 2
                    height: Math.max(3, peak / 255 * Theme.grid * 4)
                    radius: 1
                    anchors.verticalCenter: parent.verticalCenter
                    // Bars already heard are filled in while it plays.
                    readonly property bool heard: content.playProgress > 0
                                                  && index < content.playProgress * bars.count
                    color: heard ? Theme.primary : content.outgoing ? Theme.primary : Theme.textSecondary
                    opacity: heard ? 1 : content.playProgress > 0 ? 0.35 : 0.8
                }
            }
        }
        Text {
            objectName: "voiceSeconds"
            text: qsTr("%1″").arg(content.seconds)
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.captionSize
            anchors.verticalCenter: parent.verticalCenter
        }
    }
    ProgressRing {
        objectName: "transferProgress"
        visible: content.progress >= 0
        value: Math.max(0, content.progress)
        width: Theme.grid * 6
        height: width
        anchors.verticalCenter: parent.verticalCenter
        anchors.right: content.kind === "voice" && content.outgoing ? parent.left : undefined
        anchors.rightMargin: Theme.grid * 3
        anchors.left: content.kind === "voice" && content.outgoing ? undefined : parent.right
        anchors.leftMargin: Theme.grid * 3
    }
    Rectangle {
        objectName: "unplayedDot"
        visible: content.kind === "voice" && !content.played
        width: Theme.grid * 2
        height: width
        radius: width / 2
        color: Theme.danger
        anchors.left: parent.right
        anchors.leftMargin: Theme.grid * 3
        anchors.verticalCenter: parent.verticalCenter
    }

    // A photo that is here: its thumbnail, at most 180 px on its longer side, in its own shape.
    Image {
        id: photo
        objectName: "photoThumbnail"
        visible: content.thumbnail
        source: content.thumbnail ? content.mediaSource : ""
        asynchronous: true
        sourceSize: Qt.size(360, 360)
        readonly property real longSide: Theme.grid * 45
        readonly property real ratio: implicitHeight > 0 ? implicitWidth / implicitHeight : 1
        width: status === Image.Ready ? (ratio >= 1 ? longSide : longSide * ratio) : longSide
        height: status === Image.Ready ? (ratio >= 1 ? longSide / ratio : longSide) : longSide * 0.75
        fillMode: Image.PreserveAspectFit
        Accessible.ignored: true
        Rectangle {
            anchors.fill: parent
            visible: photo.status !== Image.Ready
            color: Theme.divider
            radius: Theme.grid
            Text {
                anchors.centerIn: parent
                text: photo.status === Image.Error ? qsTr("This photo cannot be shown") : ""
                color: Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.captionSize
            }
        }
    }

    // Photo (not here yet) or file: a card.
    Row {
        visible: content.kind !== "voice" && !content.thumbnail
        anchors.fill: parent
        spacing: Theme.grid * 2
        Rectangle {
            width: Theme.grid * 10
            height: width
            radius: Theme.grid
            anchors.verticalCenter: parent.verticalCenter
            color: content.kind === "image" ? Theme.primary : Theme.textSecondary
            opacity: 0.85
            Text {
                anchors.centerIn: parent
                text: content.kind === "image" ? qsTr("Photo") : qsTr("File")
                color: Theme.textOnPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.captionSize
            }
        }
        Column {
            anchors.verticalCenter: parent.verticalCenter
            width: parent.width - Theme.grid * 12
            spacing: Theme.grid / 2
            Text {
                width: parent.width
                text: content.name.length > 0 ? content.name : (content.kind === "image" ? qsTr("Photo") : qsTr("File"))
                elide: Text.ElideMiddle
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
            Text {
                width: parent.width
                text: [content.sizeText(content.size), content.statusText()].filter(s => s.length > 0).join(" · ")
                elide: Text.ElideRight
                color: content.failed ? Theme.danger : Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.captionSize
            }
        }
    }
}
