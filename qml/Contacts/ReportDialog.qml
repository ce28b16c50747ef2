import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components

// Report a user: a reason (spam or abuse) and an optional note. Reporting also blocks.
Dialog {
    id: dialog
    objectName: "reportDialog"
    property string name
    signal submitted(int reason, string note)
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - Theme.grid * 8 : 360, 420)
    title: qsTr("Report %1").arg(name)
    font.family: Theme.fontFamily
    onOpened: { spam.checked = false; abuse.checked = false; note.text = "" }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.grid * 2
        Text {
            Layout.fillWidth: true
            text: qsTr("Why are you reporting this person? They will also be blocked.")
            wrapMode: Text.WordWrap
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.secondarySize
        }
        RadioButton {
            id: spam
            objectName: "reasonSpam"
            Layout.preferredHeight: Theme.touchTarget
            text: qsTr("Spam or advertising")
            font.family: Theme.fontFamily
            Accessible.name: text
        }
        RadioButton {
            id: abuse
            objectName: "reasonAbuse"
            Layout.preferredHeight: Theme.touchTarget
            text: qsTr("Harassment or abuse")
            font.family: Theme.fontFamily
            Accessible.name: text
        }
        TextField {
            id: note
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget
            placeholderText: qsTr("Details (optional)")
            font.family: Theme.fontFamily
            Accessible.name: placeholderText
        }
    }
    footer: DialogButtonBox {
        TextButton {
            text: qsTr("Cancel")
            textColor: Theme.textSecondary
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        TextButton {
            objectName: "reportSubmitButton"
            text: qsTr("Report")
            textColor: Theme.danger
            enabled: spam.checked || abuse.checked
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
    onAccepted: submitted(abuse.checked ? 1 : 0, note.text)
}
