import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Contacts

// 添加朋友: look a person up by IMpTech ID or mobile number, see who it is, send a request
// with a greeting.
Rectangle {
    id: page
    objectName: "addFriendPage"
    property bool showBack: true
    signal back()
    signal openChat(string jid)
    color: Theme.windowBackground
    readonly property var result: FriendsController.lookupResult
    readonly property bool found: result.jid !== undefined

    Component.onCompleted: FriendsController.clearLookup()
    Connections {
        target: FriendsController
        function onRequestSent() { page.back() }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TitleBar {
            Layout.fillWidth: true
            title: qsTr("Add a friend")
            showBack: page.showBack
            onBack: page.back()
        }
        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: content.implicitHeight + Theme.grid * 8
            clip: true
            ColumnLayout {
                id: content
                x: Theme.grid * 4
                y: Theme.grid * 4
                width: Math.min(parent.width - Theme.grid * 8, Theme.onboardingMaxWidth)
                spacing: Theme.grid * 3
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.grid * 2
                    TextField {
                        id: query
                        objectName: "lookupField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.buttonHeight
                        placeholderText: qsTr("IMpTech ID or mobile number")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.bodySize
                        selectByMouse: true
                        Accessible.name: placeholderText
                        focus: true
                        onTextEdited: if (FriendsController.lookupError.length > 0 || page.found) FriendsController.clearLookup()
                        Keys.onReturnPressed: searchButton.clicked()
                        Keys.onEnterPressed: searchButton.clicked()
                    }
                    PrimaryButton {
                        id: searchButton
                        objectName: "lookupButton"
                        Layout.preferredWidth: Math.max(implicitWidth, 88)
                        text: FriendsController.lookupBusy ? qsTr("Searching…") : qsTr("Search")
                        enabled: query.text.trim().length > 0 && !FriendsController.lookupBusy
                        onClicked: FriendsController.lookup(query.text)
                    }
                }
                Text {
                    objectName: "lookupError"
                    Layout.fillWidth: true
                    visible: FriendsController.lookupError.length > 0
                    text: FriendsController.lookupError
                    wrapMode: Text.WordWrap
                    color: Theme.danger
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.secondarySize
                }
                Text {
                    Layout.fillWidth: true
                    visible: !page.found && FriendsController.lookupError.length === 0
                    text: qsTr("People can find you by your IMpTech ID. A mobile number finds only those who allow it.")
                    wrapMode: Text.WordWrap
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.secondarySize
                }

                // The person found.
                Rectangle {
                    objectName: "lookupResultCard"
                    visible: page.found
                    Layout.fillWidth: true
                    implicitHeight: card.implicitHeight + Theme.grid * 8
                    radius: Theme.cardRadius
                    color: Theme.surface
                    ColumnLayout {
                        id: card
                        anchors.fill: parent
                        anchors.margins: Theme.grid * 4
                        spacing: Theme.grid * 3
                        RowLayout {
                            spacing: Theme.grid * 3
                            Avatar {
                                size: 56
                                letter: page.result.initial || "#"
                                colorIndex: page.result.colorIndex || 0
                            }
                            Column {
                                Layout.fillWidth: true
                                spacing: Theme.grid
                                Text {
                                    objectName: "lookupName"
                                    width: parent.width
                                    text: page.result.name || ""
                                    elide: Text.ElideRight
                                    color: Theme.textPrimary
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.listTitleSize
                                    font.weight: Font.DemiBold
                                }
                                Text {
                                    width: parent.width
                                    text: qsTr("IMpTech ID: %1").arg(page.result.imptechId || "")
                                    elide: Text.ElideRight
                                    color: Theme.textSecondary
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.secondarySize
                                }
                            }
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: page.result.isSelf === true || page.result.isFriend === true
                            text: page.result.isSelf ? qsTr("This is you.") : qsTr("Already your friend.")
                            color: Theme.textSecondary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.secondarySize
                        }
                        Text {
                            visible: greetingBox.visible
                            text: qsTr("Greeting")
                            color: Theme.textSecondary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.captionSize
                        }
                        TextField {
                            id: greetingBox
                            objectName: "greetingField"
                            visible: page.found && !page.result.isSelf && !page.result.isFriend
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.buttonHeight
                            text: FriendsController.defaultGreeting()
                            maximumLength: 120
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                            selectByMouse: true
                            Accessible.name: qsTr("Greeting")
                        }
                        PrimaryButton {
                            objectName: "sendRequestButton"
                            visible: greetingBox.visible
                            Layout.fillWidth: true
                            text: FriendsController.requestBusy ? qsTr("Sending…") : qsTr("Send friend request")
                            enabled: !FriendsController.requestBusy
                            onClicked: FriendsController.sendRequest(greetingBox.text)
                        }
                        PrimaryButton {
                            objectName: "lookupMessageButton"
                            visible: page.result.isFriend === true
                            Layout.fillWidth: true
                            text: qsTr("Send message")
                            onClicked: page.openChat(page.result.jid)
                        }
                    }
                }
            }
        }
    }
}
