import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// The full text of a document: headings, scrolling, and find-in-text with "3 / 12".
Rectangle {
    id: viewer
    objectName: "documentViewer"
    property string title
    property string text
    property bool markdown: true
    property var matches: []
    property int current: -1
    signal back()
    color: Theme.surface

    function runSearch() {
        matches = DocumentSearch.findAll(body.getText(0, body.length), searchField.text)
        current = matches.length > 0 ? 0 : -1
        show()
    }
    function step(delta) {
        if (matches.length === 0)
            return
        current = (current + delta + matches.length) % matches.length
        show()
    }
    function show() {
        if (current < 0) {
            body.deselect()
            return
        }
        const start = matches[current]
        body.select(start, start + searchField.text.trim().length)
        const rect = body.positionToRectangle(start)
        flick.contentY = Math.max(0, Math.min(rect.y - flick.height / 3,
                                              flick.contentHeight - flick.height))
    }

    Keys.onEscapePressed: viewer.back()

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TitleBar {
            Layout.fillWidth: true
            title: viewer.title
            showBack: true
            onBack: viewer.back()
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: searchRow.implicitHeight + Theme.grid * 4
            color: Theme.windowBackground
            RowLayout {
                id: searchRow
                anchors.fill: parent
                anchors.margins: Theme.grid * 2
                spacing: Theme.grid * 2
                TextField {
                    id: searchField
                    objectName: "searchField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchTarget
                    placeholderText: qsTr("Find in text")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    Accessible.name: qsTr("Find in text")
                    onTextChanged: viewer.runSearch()
                    Keys.onReturnPressed: event => viewer.step(event.modifiers & Qt.ShiftModifier ? -1 : 1)
                    Keys.onEnterPressed: viewer.step(1)
                }
                Text {
                    objectName: "matchCount"
                    visible: searchField.text.trim().length > 0
                    text: viewer.matches.length > 0 ? (viewer.current + 1) + " / " + viewer.matches.length
                                                    : qsTr("No matches")
                    color: viewer.matches.length > 0 ? Theme.textSecondary : Theme.danger
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.secondarySize
                }
                ToolButton {
                    text: "↑"
                    enabled: viewer.matches.length > 0
                    Layout.preferredWidth: Theme.touchTarget
                    Layout.preferredHeight: Theme.touchTarget
                    Accessible.name: qsTr("Previous match")
                    onClicked: viewer.step(-1)
                }
                ToolButton {
                    text: "↓"
                    enabled: viewer.matches.length > 0
                    Layout.preferredWidth: Theme.touchTarget
                    Layout.preferredHeight: Theme.touchTarget
                    Accessible.name: qsTr("Next match")
                    onClicked: viewer.step(1)
                }
            }
        }

        Flickable {
            id: flick
            objectName: "documentFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentWidth: width
            contentHeight: body.implicitHeight + Theme.grid * 8
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }

            TextEdit {
                id: body
                objectName: "documentBody"
                x: Math.max(Theme.grid * 4, (flick.width - 720) / 2)
                y: Theme.grid * 4
                width: Math.min(flick.width - Theme.grid * 8, 720)
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                textFormat: viewer.markdown ? TextEdit.MarkdownText : TextEdit.PlainText
                text: viewer.text
                color: Theme.textPrimary
                selectionColor: Theme.highlight
                selectedTextColor: Theme.textPrimary
                font.family: viewer.markdown ? Theme.fontFamily : "monospace"
                font.pixelSize: viewer.markdown ? Theme.bodySize : Theme.captionSize
                Accessible.role: Accessible.Document
                Accessible.name: viewer.title
            }
        }
    }
    Component.onCompleted: forceActiveFocus()
}
