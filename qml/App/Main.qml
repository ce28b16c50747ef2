import QtQuick
import QtQuick.Controls.Basic
import IMpTech.Components
import IMpTech.Onboarding
import IMpTech.Chats
import IMpTech.Desktop

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: 1024
    height: 720
    minimumWidth: 320
    minimumHeight: 560
    // "IMpTech (3)" while messages are unread (DesktopController).
    title: DesktopController.windowTitle
    color: Theme.windowBackground
    font.family: Theme.fontFamily
    // Read by the screenshot mode: wait while the first page is still being decided.
    readonly property bool busy: OnboardingController.page === OnboardingController.Loading

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: Loader {
            sourceComponent: SignupController.page === SignupController.Home ? home : onboarding
        }
    }
    Component { id: onboarding; OnboardingFlow {} }
    Component {
        id: home
        HomeShell {
            onOpenAgreement: stack.push(viewer, {
                title: OnboardingController.documentTitle(OnboardingController.agreementId),
                text: OnboardingController.documentText(OnboardingController.agreementId),
                markdown: true })
            onOpenNotices: stack.push(notices)
        }
    }
    Component { id: viewer; DocumentViewer { onBack: stack.pop() } }
    Component {
        id: notices
        NoticesPage {
            onBack: stack.pop()
            onOpenNotice: (name, text) => stack.push(viewer, { title: name, text: text, markdown: false })
        }
    }

    Connections {
        target: OnboardingController
        function onQuitRequested() { Qt.quit() }
    }

    Component.onCompleted: {
        DesktopController.attachWindow(window)
        OnboardingController.start()
    }
}
