import QtQuick
import QtQuick.Controls.Basic
import IMpTech.Components
import IMpTech.Onboarding

Rectangle {
    color: Theme.windowBackground
    BusyIndicator {
        anchors.centerIn: parent
        running: true
        Accessible.name: qsTr("Loading")
    }
}
