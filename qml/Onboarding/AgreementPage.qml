import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding

// The agreement popup of the first run (and of changed terms): a summary over the brand
// background, the full text one tap away, and 同意 / 不同意. Nothing is pre-selected.
Rectangle {
    id: page
    objectName: "agreementPage"
    signal openAgreement()
    signal openNotices()
    color: Theme.primary

    Text {
        anchors.horizontalCenter: parent.horizontalCenter
        y: Math.max(24, (parent.height - popup.height) / 2 - height - 24)
        visible: y + height < popup.y
        text: "IMpTech"
        color: Theme.textOnPrimary
        font.family: Theme.fontFamily
        font.pixelSize: 40
        font.weight: Font.Bold
        Accessible.ignored: true
    }

    Rectangle {
        id: popup
        objectName: "agreementPopup"
        anchors.centerIn: parent
        width: Math.min(parent.width - 32, Theme.onboardingMaxWidth)
        height: Math.min(parent.height - 48, column.implicitHeight + 48)
        radius: Theme.cardRadius
        color: Theme.surface
        Accessible.role: Accessible.Dialog
        Accessible.name: titleText.text

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: 24
            spacing: Theme.grid * 3

            Text {
                id: titleText
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: OnboardingController.reconsent ? qsTr("The agreement has been updated")
                                                     : qsTr("Welcome to IMpTech")
                wrapMode: Text.WordWrap
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.pageTitleSize
                font.weight: Font.DemiBold
            }

            Flickable {
                id: flick
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: summary.implicitHeight
                clip: true
                contentHeight: summary.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}

                ColumnLayout {
                    id: summary
                    width: flick.width
                    spacing: Theme.grid * 3

                    Banner {
                        Layout.fillWidth: true
                        visible: OnboardingController.ledgerWasTampered
                        danger: true
                        text: qsTr("Your earlier consent on this device could not be verified. Please read and agree again.")
                    }
                    BodyText {
                        visible: OnboardingController.reconsent
                        text: qsTr("What has changed:")
                        font.weight: Font.DemiBold
                    }
                    BodyText {
                        objectName: "changeSummary"
                        visible: OnboardingController.reconsent
                        text: OnboardingController.changeSummary
                        secondary: true
                    }
                    BodyText {
                        text: qsTr("Before you start, please read the %1 carefully. It explains how IMpTech collects, uses and protects your personal information (chapter 6), and the rules for users under 18 (clause 6.6).")
                              .arg("<a href=\"doc\">" + OnboardingController.documentTitle(OnboardingController.agreementId) + "</a>")
                        textFormat: Text.StyledText
                        onLinkActivated: page.openAgreement()
                    }
                    BodyText {
                        secondary: true
                        text: "• " + qsTr("Nothing is collected, stored or sent until you agree.") + "\n• "
                              + qsTr("Your messages and contacts are stored encrypted on this device.") + "\n• "
                              + qsTr("Under 18? Read this together with your parent or guardian.")
                    }
                    Flow {
                        Layout.fillWidth: true
                        TextButton {
                            objectName: "readAgreementButton"
                            text: qsTr("Read the full agreement")
                            onClicked: page.openAgreement()
                        }
                        TextButton {
                            objectName: "noticesButton"
                            text: qsTr("Third-party notices")
                            textColor: Theme.textSecondary
                            onClicked: page.openNotices()
                        }
                    }
                }
            }

            PrimaryButton {
                objectName: "agreeButton"
                Layout.fillWidth: true
                // Creating the vault may wait for the system keychain: say so.
                text: OnboardingController.busy ? qsTr("Setting up secure storage…") : qsTr("Agree")
                enabled: !OnboardingController.busy
                onClicked: OnboardingController.agree()
            }
            TextButton {
                objectName: "declineButton"
                Layout.fillWidth: true
                text: qsTr("Disagree")
                textColor: Theme.textSecondary
                enabled: !OnboardingController.busy
                onClicked: OnboardingController.decline()
            }
        }
    }
}
