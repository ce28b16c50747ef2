import QtQuick
import QtQuick.Controls.Basic

// Every list's empty (or error) state: a quiet mark, one sentence, one action.
Column {
    id: empty
    property alias text: sentence.text
    property alias actionText: action.text
    property string actionName: ""
    property Component icon: null
    property bool error: false
    signal action()
    spacing: Theme.grid * 3
    Loader {
        anchors.horizontalCenter: parent.horizontalCenter
        sourceComponent: empty.icon
        visible: empty.icon !== null
    }
    Text {
        id: sentence
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: empty.error ? Theme.danger : Theme.textSecondary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
    }
    TextButton {
        id: action
        objectName: empty.actionName
        visible: text.length > 0
        anchors.horizontalCenter: parent.horizontalCenter
        onClicked: empty.action()
    }
}
