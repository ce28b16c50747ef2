import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// A clear stop with a way forward, never a crash: damaged texts, a silent keychain, a full disk.
OnboardingCard {
    id: page
    objectName: "brokenPage"
    title: qsTr("IMpTech cannot continue")
    BodyText {
        objectName: "errorText"
        text: OnboardingController.errorText
    }

    Dialog {
        id: confirmReset
        anchors.centerIn: parent
        width: Math.min(page.width - 48, 400)
        modal: true
        title: qsTr("Reset this device's data?")
        standardButtons: Dialog.Yes | Dialog.No
        Label {
            width: confirmReset.availableWidth
            wrapMode: Text.WordWrap
            text: qsTr("Everything IMpTech stored on this device will be deleted, and you will start again from the agreement.")
        }
        onAccepted: OnboardingController.resetProfile()
    }

    actions: [
        PrimaryButton {
            Layout.fillWidth: true
            text: qsTr("Try again")
            onClicked: OnboardingController.start()
        },
        TextButton {
            Layout.fillWidth: true
            visible: OnboardingController.canReset
            text: qsTr("Reset this device's data")
            textColor: Theme.danger
            onClicked: confirmReset.open()
        },
        TextButton {
            Layout.fillWidth: true
            text: qsTr("Quit")
            textColor: Theme.textSecondary
            onClicked: OnboardingController.quit()
        }
    ]
}
