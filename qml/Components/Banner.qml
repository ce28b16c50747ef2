import QtQuick
import QtQuick.Layouts

// A thin notice strip: warnings that must be seen but do not block (keychain fallback, say).
Rectangle {
    id: banner
    property alias text: label.text
    property bool danger: false
    radius: Theme.radius
    color: Theme.warningSurface
    implicitHeight: label.implicitHeight + 2 * Theme.grid * 3
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Text {
        id: label
        anchors.fill: parent
        anchors.margins: Theme.grid * 3
        wrapMode: Text.WordWrap
        color: banner.danger ? Theme.danger : Theme.warning
        font.family: Theme.fontFamily
        font.pixelSize: Theme.secondarySize
        verticalAlignment: Text.AlignVCenter
    }
}
