import QtQuick
import QtQuick.Controls.Basic
import IMpTech.Components
import IMpTech.Onboarding

// The first-run journey. The controller decides the page; documents open on top of it.
Item {
    id: flow
    objectName: "onboardingFlow"
    readonly property int page: OnboardingController.page

    function openDocument(id) {
        stack.push(viewerComponent, {
            title: OnboardingController.documentTitle(id),
            text: OnboardingController.documentText(id),
            markdown: true
        })
    }
    function openNotices() {
        stack.push(noticesComponent)
    }

    StackView {
        id: stack
        objectName: "onboardingStack"
        anchors.fill: parent
        initialItem: Loader {
            objectName: "pageLoader"
            sourceComponent: flow.pageComponent(SignupController.page, flow.page)
        }
    }

    function pageComponent(signupPage, page) {
                switch (signupPage) {
                case SignupController.Phone: return phonePage
                case SignupController.Code: return codePage
                case SignupController.GuardianPhone: return guardianPhonePage
                case SignupController.GuardianCode: return guardianCodePage
                case SignupController.Profile: return profilePage
                case SignupController.ImptechId: return idPage
                default: break
                }
                switch (page) {
                case OnboardingController.Agreement: return agreementPage
                case OnboardingController.Declined: return declinedPage
                case OnboardingController.Age: return agePage
                case OnboardingController.Guardian: return guardianPage
                case OnboardingController.ChildRules: return childRulesPage
                case OnboardingController.Ready: return readyPage
                case OnboardingController.Broken: return brokenPage
                default: return loadingPage
                }
    }

    Component { id: loadingPage; LoadingPage {} }
    Component {
        id: agreementPage
        AgreementPage {
            onOpenAgreement: flow.openDocument(OnboardingController.agreementId)
            onOpenNotices: flow.openNotices()
        }
    }
    Component { id: declinedPage; DeclinedPage {} }
    Component { id: agePage; AgePage {} }
    Component {
        id: guardianPage
        GuardianPage { onOpenAgreement: flow.openDocument(OnboardingController.agreementId) }
    }
    Component {
        id: childRulesPage
        ChildRulesPage { onOpenRules: flow.openDocument(OnboardingController.childRulesId) }
    }
    Component {
        id: readyPage
        ReadyPage {
            onOpenAgreement: flow.openDocument(OnboardingController.agreementId)
            onOpenNotices: flow.openNotices()
        }
    }
    Component { id: brokenPage; BrokenPage {} }
    Component { id: phonePage; PhonePage {} }
    Component { id: codePage; CodePage {} }
    Component { id: guardianPhonePage; PhonePage { guardian: true } }
    Component { id: guardianCodePage; CodePage { guardian: true } }
    Component { id: profilePage; ProfilePage {} }
    Component { id: idPage; ImptechIdPage {} }
    Component {
        id: viewerComponent
        DocumentViewer { onBack: stack.pop() }
    }
    Component {
        id: noticesComponent
        NoticesPage {
            onBack: stack.pop()
            onOpenNotice: (name, text) => stack.push(viewerComponent, { title: name, text: text, markdown: false })
        }
    }
}
