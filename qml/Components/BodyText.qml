import QtQuick
import QtQuick.Layouts

Text {
    property bool secondary: false
    Layout.fillWidth: true
    wrapMode: Text.WordWrap
    color: secondary ? Theme.textSecondary : Theme.textPrimary
    font.family: Theme.fontFamily
    font.pixelSize: secondary ? Theme.secondarySize : Theme.bodySize
    lineHeight: 1.25
    linkColor: Theme.primary
    onLinkActivated: link => Qt.openUrlExternally(link)
}
