import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// Under 18 (clause 6.6): the guardian must agree. Sign-up completes it with a code sent to the
// guardian's phone; here the minor and guardian state that they read the agreement together.
OnboardingCard {
    id: page
    objectName: "guardianPage"
    signal openAgreement()
    title: qsTr("Your guardian must agree")
    subtitle: qsTr("You are %n year(s) old.", "", OnboardingController.ageYears)

    BodyText {
        text: qsTr("Users under 18 need the consent of a parent or legal guardian before using IMpTech (clause 6.6).")
    }
    BodyText {
        text: qsTr("When you sign up, we will send a verification code to your guardian's phone. Entering it records their consent. Minors' mode will be on: nobody can find you by phone number, strangers cannot send you friend requests, and you get no promotions.")
        secondary: true
    }
    BodyText {
        visible: OnboardingController.ageBracket === "child"
        text: qsTr("Because you are under 14, you and your guardian will also read and accept the children's personal information rules.")
        secondary: true
    }
    TextButton {
        text: qsTr("Read the agreement with your guardian")
        onClicked: page.openAgreement()
    }
    CheckBox {
        id: statement
        objectName: "guardianStatement"
        Layout.fillWidth: true
        checked: false
        font.family: Theme.fontFamily
        font.pixelSize: Theme.secondarySize
        text: qsTr("My guardian has read the agreement with me, including the rules for minors, and agrees that I use IMpTech.")
        contentItem: Text {
            leftPadding: statement.indicator.width + statement.spacing
            text: statement.text
            font: statement.font
            wrapMode: Text.WordWrap
            color: Theme.textPrimary
            verticalAlignment: Text.AlignVCenter
        }
        Accessible.name: text
    }

    actions: [
        PrimaryButton {
            objectName: "guardianContinueButton"
            Layout.fillWidth: true
            text: qsTr("Continue")
            enabled: statement.checked && !OnboardingController.busy
            onClicked: OnboardingController.confirmGuardianReading()
        },
        TextButton {
            Layout.fillWidth: true
            text: qsTr("Change date of birth")
            textColor: Theme.textSecondary
            onClicked: OnboardingController.changeBirthDate()
        }
    ]
}
