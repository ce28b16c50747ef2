import QtQuick
import QtQuick.Controls.Basic
import IMpTech.Components
import IMpTech.Onboarding

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: 1024
    height: 720
    minimumWidth: 320
    minimumHeight: 560
    title: qsTr("IMpTech")
    color: Theme.windowBackground
    font.family: Theme.fontFamily
    // Read by the screenshot mode: wait while the first page is still being decided.
    readonly property bool busy: OnboardingController.page === OnboardingController.Loading

    OnboardingFlow {
        anchors.fill: parent
    }

    Connections {
        target: OnboardingController
        function onQuitRequested() { Qt.quit() }
    }

    Component.onCompleted: OnboardingController.start()
}
