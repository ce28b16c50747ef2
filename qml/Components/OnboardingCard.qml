import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The frame of every first-run step: phone-first (full width, actions at the bottom), centred
// and at most 480 px wide on desktop.
Item {
    id: root
    property string title
    property string subtitle
    default property alias content: body.data
    property alias actions: actionColumn.data
    readonly property bool phone: width < Theme.phoneBreakpoint

    Rectangle {
        id: card
        anchors.horizontalCenter: parent.horizontalCenter
        y: root.phone ? 0 : (parent.height - height) / 2
        width: root.phone ? parent.width : Math.min(parent.width - 48, Theme.onboardingMaxWidth)
        // Desktop: as tall as the content needs, within the window.
        height: root.phone ? parent.height
                           : Math.min(parent.height - 48,
                                      Math.max(420, column.implicitHeight + column.anchors.topMargin
                                                        + column.anchors.bottomMargin))
        radius: root.phone ? 0 : Theme.cardRadius
        color: Theme.surface
        border.width: root.phone ? 0 : 1
        border.color: Theme.divider

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.grid * 6
            anchors.topMargin: root.phone ? Theme.grid * 12 : Theme.grid * 8
            spacing: Theme.grid * 4

            Text {
                Layout.fillWidth: true
                text: root.title
                wrapMode: Text.WordWrap
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.heroSize
                font.weight: Font.DemiBold
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Text {
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.subtitle
                wrapMode: Text.WordWrap
                color: Theme.textSecondary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.secondarySize
            }
            Flickable {
                id: flick
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: body.implicitHeight
                clip: true
                contentWidth: width
                contentHeight: body.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                ColumnLayout {
                    id: body
                    width: flick.width
                    spacing: Theme.grid * 3
                }
            }
            ColumnLayout {
                id: actionColumn
                Layout.fillWidth: true
                spacing: Theme.grid * 2
            }
        }
    }
}
