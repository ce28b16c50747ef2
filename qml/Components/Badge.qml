import QtQuick

// An unread count ("99+" above 99) or, with dot: true, a small dot (muted chats, requests).
Rectangle {
    id: badge
    property string text
    property bool dot: false
    visible: dot || text.length > 0
    implicitHeight: dot ? 10 : Theme.badgeHeight
    implicitWidth: dot ? 10 : Math.max(implicitHeight, label.implicitWidth + Theme.grid * 2 + 2)
    radius: implicitHeight / 2
    color: Theme.badge
    Accessible.ignored: true
    Text {
        id: label
        visible: !badge.dot
        anchors.centerIn: parent
        text: badge.text
        color: Theme.textOnPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.captionSize
        font.weight: Font.DemiBold
    }
}
