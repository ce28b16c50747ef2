import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import IMpTech.Components
import IMpTech.Chats

// A photo on the whole window: pinch, the wheel or a double tap zoom (1x to 5x), drag pans,
// Esc or the close button leave, and "Save" writes the decrypted photo where the user picks.
Popup {
    id: viewer
    objectName: "photoViewer"
    property var messageId: 0
    property string source: ""
    // The item it is declared in; the viewer covers that item's whole window.
    property Item host: null
    function show(id) {
        messageId = id
        source = AttachmentController.imageSource(id)
        if (source.length === 0)
            return
        zoom.scale = 1
        if (host && host.Window.window) {
            const origin = host.mapToItem(null, 0, 0)
            x = -origin.x
            y = -origin.y
            width = host.Window.width
            height = host.Window.height
        }
        open()
    }

    modal: true
    focus: true
    padding: 0
    closePolicy: Popup.CloseOnEscape
    background: Rectangle { color: "black" }
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Photo")

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: Math.max(width, photo.paintedWidth * zoom.scale)
        contentHeight: Math.max(height, photo.paintedHeight * zoom.scale)
        clip: true
        Item {
            id: zoom
            property real scale: 1
            width: flick.contentWidth
            height: flick.contentHeight
            Image {
                id: photo
                objectName: "photoViewerImage"
                anchors.centerIn: parent
                width: flick.width * zoom.scale
                height: flick.height * zoom.scale
                source: viewer.opened || viewer.visible ? viewer.source : ""
                sourceSize: Qt.size(2048, 2048)
                fillMode: Image.PreserveAspectFit
                asynchronous: true
            }
            BusyIndicator {
                anchors.centerIn: parent
                running: photo.status === Image.Loading
                visible: running
            }
        }
        PinchHandler {
            target: null
            onActiveScaleChanged: zoom.scale = Math.max(1, Math.min(5, activeScale))
        }
        WheelHandler {
            onWheel: event => zoom.scale = Math.max(1, Math.min(5, zoom.scale * (event.angleDelta.y > 0 ? 1.25 : 0.8)))
        }
        TapHandler {
            onDoubleTapped: zoom.scale = zoom.scale > 1 ? 1 : 2.5
        }
    }

    Row {
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.grid * 4
        spacing: Theme.grid * 2
        Button {
            objectName: "photoSaveButton"
            text: qsTr("Save")
            onClicked: saveDialog.open()
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            contentItem: Text { text: parent.text; font: parent.font; color: "white"; horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter }
            background: Rectangle { implicitHeight: Theme.touchTarget; implicitWidth: Theme.touchTarget * 1.6; radius: Theme.radius; color: "#40FFFFFF" }
        }
        Button {
            objectName: "photoCloseButton"
            text: "\u2715"
            Accessible.name: qsTr("Close")
            onClicked: viewer.close()
            contentItem: Text { text: parent.text; color: "white"; font.pixelSize: 20; horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter }
            background: Rectangle { implicitHeight: Theme.touchTarget; implicitWidth: Theme.touchTarget; radius: width / 2; color: "#40FFFFFF" }
        }
    }

    FileDialog {
        id: saveDialog
        fileMode: FileDialog.SaveFile
        currentFile: "file:///" + AttachmentController.suggestedName(viewer.messageId)
        onAccepted: AttachmentController.save(viewer.messageId, selectedFile)
    }
}
