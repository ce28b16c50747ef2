import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// Six boxes for the SMS code: type or paste, resend after the countdown, attempts left shown.
OnboardingCard {
    id: page
    objectName: guardian ? "guardianCodePage" : "codePage"
    property bool guardian: false
    title: guardian ? qsTr("Enter your guardian's code") : qsTr("Enter the verification code")
    subtitle: qsTr("Sent to %1").arg(SignupController.codeTarget)

    // One hidden field holds the digits; the boxes only show them. Paste works anywhere.
    TextField {
        id: hidden
        objectName: "codeField"
        Layout.preferredWidth: 1
        Layout.preferredHeight: 1
        opacity: 0
        maximumLength: 64
        inputMethodHints: Qt.ImhDigitsOnly
        focus: true
        Accessible.name: qsTr("Verification code")
        onTextChanged: {
            const digits = SignupController.normaliseCode(text)
            if (digits !== text)
                text = digits
            if (digits.length === 6 && !SignupController.busy)
                page.submit()
        }
    }
    function submit() {
        if (guardian)
            SignupController.submitGuardianCode(hidden.text)
        else
            SignupController.submitCode(hidden.text)
    }
    Connections {
        target: SignupController
        function onErrorChanged() {
            if (SignupController.error.length > 0)
                hidden.text = ""
        }
    }

    Row {
        Layout.alignment: Qt.AlignHCenter
        spacing: Theme.grid * 2
        Repeater {
            model: 6
            Rectangle {
                required property int index
                width: 44
                height: 52
                radius: Theme.radius
                color: Theme.windowBackground
                border.width: hidden.activeFocus && index === Math.min(hidden.text.length, 5) ? 2 : 1
                border.color: hidden.activeFocus && index === Math.min(hidden.text.length, 5)
                              ? Theme.primary : Theme.divider
                Text {
                    anchors.centerIn: parent
                    text: hidden.text.charAt(index)
                    color: Theme.textPrimary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.heroSize
                }
                MouseArea {
                    anchors.fill: parent
                    onClicked: hidden.forceActiveFocus()
                }
            }
        }
    }
    Text {
        objectName: "codeError"
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        visible: SignupController.error.length > 0
        text: SignupController.error
        color: Theme.danger
        wrapMode: Text.WordWrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.secondarySize
    }
    BusyIndicator {
        Layout.alignment: Qt.AlignHCenter
        running: SignupController.busy
        visible: running
    }

    actions: [
        TextButton {
            objectName: "resendButton"
            Layout.fillWidth: true
            enabled: SignupController.resendSeconds === 0 && !SignupController.busy
            text: SignupController.resendSeconds > 0
                  ? qsTr("Resend in %1 s").arg(SignupController.resendSeconds)
                  : qsTr("Resend code")
            onClicked: SignupController.resendCode()
        },
        TextButton {
            Layout.fillWidth: true
            text: qsTr("Change number")
            textColor: Theme.textSecondary
            onClicked: SignupController.changeNumber()
        }
    ]
}
