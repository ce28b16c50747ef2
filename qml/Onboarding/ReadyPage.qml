import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// The end of the first run: hand-over to sign-up with a mobile number.
OnboardingCard {
    id: page
    objectName: "readyPage"
    signal openAgreement()
    signal openNotices()
    title: qsTr("You're all set")
    subtitle: qsTr("Next, sign up with your mobile number.")

    KeyFileBanner {}
    BodyText {
        visible: OnboardingController.ageBracket !== "" && OnboardingController.ageBracket !== "adult"
        text: qsTr("Minors' mode will be switched on for your account once your guardian confirms with their phone.")
        secondary: true
    }
    Flow {
        Layout.fillWidth: true
        TextButton {
            objectName: "readyAgreementButton"
            text: qsTr("Agreement")
            onClicked: page.openAgreement()
        }
        TextButton {
            text: qsTr("Third-party notices")
            onClicked: page.openNotices()
        }
    }

    actions: [
        PrimaryButton {
            objectName: "continueSignupButton"
            Layout.fillWidth: true
            text: qsTr("Continue to sign up")
            onClicked: SignupController.resume(true)
        }
    ]
    // A profile that already has an account goes straight home.
    Component.onCompleted: SignupController.resume(false)
}
