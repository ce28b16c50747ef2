import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// Mobile number entry: region (search by name or code), the number formatted as typed, "next".
OnboardingCard {
    id: page
    objectName: guardian ? "guardianPhonePage" : "phonePage"
    property bool guardian: false
    title: guardian ? qsTr("Your guardian's mobile number") : qsTr("Sign up with your mobile number")
    subtitle: guardian ? qsTr("We will send your guardian a code. Entering it records their consent.")
                       : qsTr("We will send you a verification code by SMS.")

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.grid * 2
        Button {
            id: regionButton
            objectName: "regionButton"
            Layout.preferredHeight: Theme.buttonHeight
            text: "+" + SignupController.callingCode + " ▾"
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            Accessible.name: qsTr("Country or region")
            onClicked: regionPopup.open()
        }
        TextField {
            id: number
            objectName: "phoneField"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.buttonHeight
            placeholderText: qsTr("Mobile number")
            inputMethodHints: Qt.ImhDialableCharactersOnly
            font.family: Theme.fontFamily
            font.pixelSize: Theme.listTitleSize
            Accessible.name: qsTr("Mobile number")
            focus: true
            onTextEdited: {
                const formatted = SignupController.formatAsYouType(text)
                if (formatted !== text)
                    text = formatted
            }
            Keys.onReturnPressed: next.clicked()
            Keys.onEnterPressed: next.clicked()
        }
    }
    Text {
        objectName: "phoneError"
        Layout.fillWidth: true
        visible: SignupController.error.length > 0
        text: SignupController.error
        color: Theme.danger
        wrapMode: Text.WordWrap
        font.family: Theme.fontFamily
        font.pixelSize: Theme.secondarySize
    }

    Popup {
        id: regionPopup
        anchors.centerIn: parent
        width: Math.min(parent.width - 32, 420)
        height: Math.min(parent.height - 64, 560)
        modal: true
        padding: 0
        onOpened: search.forceActiveFocus()
        ColumnLayout {
            anchors.fill: parent
            spacing: 0
            TextField {
                id: search
                Layout.fillWidth: true
                Layout.margins: Theme.grid * 2
                placeholderText: qsTr("Search country, region or code")
                font.family: Theme.fontFamily
                Accessible.name: placeholderText
            }
            ListView {
                id: regionList
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: SignupController.regions(search.text)
                delegate: ItemDelegate {
                    required property var modelData
                    width: ListView.view.width
                    height: Theme.touchTarget + 4
                    text: modelData.name + "  +" + modelData.callingCode
                    font.family: Theme.fontFamily
                    onClicked: {
                        SignupController.region = modelData.code
                        regionPopup.close()
                    }
                }
                Text {
                    anchors.centerIn: parent
                    visible: regionList.count === 0
                    text: qsTr("No matching region")
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                }
            }
        }
    }

    actions: [
        PrimaryButton {
            id: next
            objectName: "phoneNextButton"
            Layout.fillWidth: true
            text: SignupController.busy ? qsTr("Sending…") : qsTr("Next")
            enabled: number.text.trim().length > 0 && !SignupController.busy
            onClicked: page.guardian ? SignupController.submitGuardianPhone(number.text)
                                     : SignupController.submitPhone(number.text)
        }
    ]
}
