import QtQuick
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// Shown once after 不同意: why the app cannot go on, and the two ways out.
OnboardingCard {
    objectName: "declinedPage"
    title: qsTr("You have not agreed")
    BodyText {
        text: OnboardingController.reconsent
              ? qsTr("IMpTech can only be used under the current agreement. Because you did not agree to the updated terms, IMpTech cannot be used (clause 12.1). Your data stays encrypted on this device.")
              : qsTr("IMpTech can only be used after you agree to the agreement. You can read it again, or quit. If you quit now, nothing is kept on this device.")
    }
    actions: [
        PrimaryButton {
            objectName: "readAgainButton"
            Layout.fillWidth: true
            text: qsTr("Read again")
            onClicked: OnboardingController.readAgain()
        },
        TextButton {
            objectName: "quitButton"
            Layout.fillWidth: true
            text: qsTr("Quit")
            textColor: Theme.textSecondary
            onClicked: OnboardingController.quit()
        }
    ]
}
