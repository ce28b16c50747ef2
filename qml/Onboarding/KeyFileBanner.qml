import QtQuick
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// Shown while the data key sits in a file because no keychain answered (DESIGN §3).
Banner {
    Layout.fillWidth: true
    visible: OnboardingController.keyFileFallback
    text: qsTr("The system keychain is not available. Your data key is kept in a protected file on this device instead, which is less safe if someone copies your files.")
}
