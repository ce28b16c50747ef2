import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// Nickname (required) before the first chat; the avatar can come later.
OnboardingCard {
    id: page
    objectName: "profilePage"
    title: qsTr("Set up your profile")
    subtitle: qsTr("Friends see your nickname and avatar.")

    Rectangle {
        Layout.alignment: Qt.AlignHCenter
        width: 88
        height: 88
        radius: 12
        color: Theme.primary
        Accessible.name: qsTr("Avatar (optional)")
        Text {
            anchors.centerIn: parent
            text: nick.text.trim().length > 0 ? nick.text.trim().charAt(0).toUpperCase() : "?"
            color: Theme.textOnPrimary
            font.family: Theme.fontFamily
            font.pixelSize: 40
        }
    }
    BodyText {
        horizontalAlignment: Text.AlignHCenter
        secondary: true
        text: qsTr("An avatar is optional; you can add one later in Me.")
    }
    TextField {
        id: nick
        objectName: "nicknameField"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.buttonHeight
        placeholderText: qsTr("Nickname")
        maximumLength: 32
        font.family: Theme.fontFamily
        font.pixelSize: Theme.listTitleSize
        Accessible.name: qsTr("Nickname")
        focus: true
        Keys.onReturnPressed: save.clicked()
        Keys.onEnterPressed: save.clicked()
    }
    Text {
        Layout.fillWidth: true
        visible: SignupController.error.length > 0
        text: SignupController.error
        color: Theme.danger
        wrapMode: Text.WordWrap
        font.family: Theme.fontFamily
    }

    actions: [
        PrimaryButton {
            id: save
            objectName: "saveProfileButton"
            Layout.fillWidth: true
            text: qsTr("Save")
            enabled: nick.text.trim().length > 0 && !SignupController.busy
            onClicked: SignupController.saveProfile(nick.text.trim())
        }
    ]
}
