import QtQuick
import QtTest
import IMpTech.Onboarding

Item {
    id: root
    width: 390
    height: 844

    OnboardingFlow {
        id: flow
        anchors.fill: parent
    }

    SignalSpy {
        id: quitSpy
        target: OnboardingController
        signalName: "quitRequested"
    }

    TestCase {
        name: "Onboarding"
        when: windowShown

        function findNamed(item, name) {
            if (!item)
                return null
            if (item.objectName === name && item.visible)
                return item
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) {
                const found = findNamed(kids[i], name)
                if (found)
                    return found
            }
            // Controls keep their content outside `children`.
            if (item.contentItem && item.contentItem.parent !== item)
                return findNamed(item.contentItem, name)
            return null
        }
        function named(name) {
            let found = null
            tryVerify(() => (found = findNamed(root, name)) !== null, 3000, "no item " + name)
            return found
        }
        function tap(name) {
            const stack = findNamed(root, "onboardingStack")
            tryVerify(() => !stack.busy) // no taps during a page transition
            mouseClick(named(name))
        }

        function initTestCase() {
            OnboardingController.start()
            tryCompare(OnboardingController, "page", OnboardingController.Agreement)
        }

        function test_1_nothingPreselectedAndNoWayPastThePopup() {
            compare(findNamed(root, "agePage"), null)
            compare(findNamed(root, "confirmAgeButton"), null)
            verify(named("agreeButton").enabled)
            verify(named("declineButton").enabled)
        }

        function test_2_theViewerIsReachable() {
            tap("readAgreementButton")
            const viewer = named("documentViewer")
            verify(viewer.text.indexOf("6.6") > 0, "the full agreement text is shown")
            verify(viewer.title.length > 0)
            keyClick(Qt.Key_Escape)
            tryVerify(() => findNamed(root, "documentViewer") === null)
            compare(OnboardingController.page, OnboardingController.Agreement)
        }

        function test_3_declineExplainsOnceThenQuits() {
            tap("declineButton")
            tryCompare(OnboardingController, "page", OnboardingController.Declined)
            verify(named("declinedPage"))
            compare(quitSpy.count, 0)
            tap("readAgainButton")
            tryCompare(OnboardingController, "page", OnboardingController.Agreement)
            tap("declineButton")
            tryCompare(quitSpy, "count", 1)
            // No second explanation: the answer is taken.
            compare(OnboardingController.page, OnboardingController.Agreement)
        }

        function test_4_agreeEnablesContinue() {
            tap("agreeButton")
            tryCompare(OnboardingController, "page", OnboardingController.Age, 10000)
            const confirm = named("confirmAgeButton")
            tryVerify(() => confirm.enabled)
            named("agePage").setDate(new Date().getFullYear() - 30, 3, 1)
            tryVerify(() => confirm.enabled)
            mouseClick(confirm)
            tryCompare(OnboardingController, "page", OnboardingController.Ready, 10000)
            verify(named("continueSignupButton").enabled)
        }
    }
}
