import QtQuick

// A coloured square with the name's first letter: 44 px in lists, 36 px in chats.
Rectangle {
    id: avatar
    property string letter: "#"
    property int colorIndex: 0
    property int size: Theme.avatarSize
    width: size
    height: size
    radius: Theme.avatarRadius
    color: Theme.avatarColor(colorIndex)
    Accessible.ignored: true
    Text {
        anchors.centerIn: parent
        text: avatar.letter
        color: Theme.textOnPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Math.round(avatar.size * 0.45)
        font.weight: Font.Medium
    }
}
