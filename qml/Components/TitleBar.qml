import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Page title with an optional back arrow, as on every pushed page.
Rectangle {
    id: bar
    property string title
    property bool showBack: false
    property alias trailing: trailingSlot.data
    signal back()

    implicitHeight: Theme.titleBarHeight
    color: Theme.surface

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.grid
        anchors.rightMargin: Theme.grid
        spacing: 0

        ToolButton {
            objectName: "backButton"
            visible: bar.showBack
            Layout.preferredWidth: Theme.touchTarget
            Layout.preferredHeight: Theme.touchTarget
            text: "‹"
            font.pixelSize: 30
            Accessible.name: qsTr("Back")
            onClicked: bar.back()
            background: Rectangle {
                radius: Theme.radius
                color: parent.down ? Theme.divider : "transparent"
            }
        }
        Text {
            Layout.fillWidth: true
            Layout.leftMargin: bar.showBack ? 0 : Theme.grid * 3
            text: bar.title
            elide: Text.ElideRight
            color: Theme.textPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.listTitleSize
            font.weight: Font.DemiBold
        }
        Row { id: trailingSlot }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.divider
    }
}
