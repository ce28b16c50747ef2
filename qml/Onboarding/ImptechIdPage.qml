import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// "Your IMpTech ID is …", with one chance to change it (clause 7.1.4).
OnboardingCard {
    id: page
    objectName: "imptechIdPage"
    property bool editing: false
    readonly property string idProblem: SignupController.checkImptechId(field.text)
    title: qsTr("Your IMpTech ID")
    subtitle: qsTr("Friends can find you by this ID.")

    Text {
        objectName: "imptechIdText"
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: SignupController.imptechId
        color: Theme.textPrimary
        font.family: Theme.fontFamily
        font.pixelSize: Theme.heroSize
        font.weight: Font.DemiBold
        Accessible.name: qsTr("IMpTech ID %1").arg(text)
    }
    BodyText {
        horizontalAlignment: Text.AlignHCenter
        secondary: true
        text: SignupController.idChangeable
              ? qsTr("You can change it once. 6–20 characters: letters, digits, _ or -, starting with a letter.")
              : qsTr("Your IMpTech ID can no longer be changed.")
    }
    TextField {
        id: field
        objectName: "newIdField"
        visible: page.editing
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.buttonHeight
        placeholderText: qsTr("New IMpTech ID")
        maximumLength: 20
        font.family: Theme.fontFamily
        font.pixelSize: Theme.listTitleSize
        Accessible.name: placeholderText
    }
    Text {
        Layout.fillWidth: true
        visible: page.editing && (field.text.length > 0 && page.idProblem.length > 0
                                  || SignupController.error.length > 0)
        text: SignupController.error.length > 0 ? SignupController.error : page.idProblem
        color: Theme.danger
        wrapMode: Text.WordWrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.secondarySize
    }

    actions: [
        PrimaryButton {
            objectName: page.editing ? "confirmIdButton" : "idDoneButton"
            Layout.fillWidth: true
            text: page.editing ? qsTr("Change ID (only once)") : qsTr("Start using IMpTech")
            enabled: !SignupController.busy && (!page.editing || page.idProblem.length === 0)
            onClicked: page.editing ? SignupController.changeImptechId(field.text)
                                    : SignupController.finishId()
        },
        TextButton {
            objectName: "editIdButton"
            Layout.fillWidth: true
            visible: SignupController.idChangeable
            text: page.editing ? qsTr("Keep this ID") : qsTr("Change ID")
            textColor: Theme.textSecondary
            onClicked: page.editing = !page.editing
        }
    ]
    Connections {
        target: SignupController
        function onAccountChanged() { page.editing = false }
    }
}
