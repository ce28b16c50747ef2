import QtQuick
import IMpTech.Components
import IMpTech.Onboarding

// The thin strip under the title bar whenever we are not online, saying why.
Rectangle {
    objectName: "connectionBanner"
    visible: SignupController.connectionState !== "online"
    implicitHeight: visible ? label.implicitHeight + Theme.grid * 3 : 0
    color: SignupController.connectionState === "connecting" ? Theme.warningSurface : Theme.dangerSurface
    Accessible.role: Accessible.AlertMessage
    Accessible.name: label.text
    Text {
        id: label
        objectName: "connectionText"
        anchors.centerIn: parent
        width: parent.width - Theme.grid * 6
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: SignupController.connectionReason
        color: SignupController.connectionState === "connecting" ? Theme.warning : Theme.danger
        font.family: Theme.fontFamily
        font.pixelSize: Theme.secondarySize
    }
}
