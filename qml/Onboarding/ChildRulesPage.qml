import QtQuick
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// Under 14: the children's personal information rules, accepted with the guardian.
OnboardingCard {
    id: page
    objectName: "childRulesPage"
    signal openRules()
    title: OnboardingController.documentTitle(OnboardingController.childRulesId)
    subtitle: qsTr("Please read these rules together with your guardian.")

    BodyText {
        text: qsTr("They explain what IMpTech collects from children under 14, why, how it is protected, and how your guardian can see, correct or delete it, or withdraw consent.")
    }
    TextButton {
        objectName: "readRulesButton"
        text: qsTr("Read the full rules")
        onClicked: page.openRules()
    }

    actions: [
        PrimaryButton {
            objectName: "acceptRulesButton"
            Layout.fillWidth: true
            text: qsTr("Agree")
            enabled: !OnboardingController.busy
            onClicked: OnboardingController.acceptChildRules()
        },
        TextButton {
            Layout.fillWidth: true
            text: qsTr("Disagree")
            textColor: Theme.textSecondary
            enabled: !OnboardingController.busy
            onClicked: OnboardingController.declineChildRules()
        }
    ]
}
