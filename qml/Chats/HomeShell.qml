import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Onboarding
import IMpTech.Contacts
import IMpTech.Groups
import IMpTech.Me
import IMpTech.Chats
import IMpTech.Desktop

// The signed-in shell: 消息 · 通讯录 · 我 as a bottom tab bar on phones (pages pushed over it
// with a back arrow) and a left rail on desktop, with the 300 px list pane and the content pane
// side by side there.
Rectangle {
    id: shell
    objectName: "homeShell"
    color: Theme.windowBackground
    readonly property bool phone: width < Theme.phoneBreakpoint
    property int tab: 0
    signal openAgreement()
    signal openNotices()

    readonly property var tabNames: [qsTr("Chats"), qsTr("Contacts"), qsTr("Me")]
    readonly property var tabBadges: [ChatsController.badgeText(ChatsController.conversations.unreadTotal),
                                      FriendsController.badgeText(FriendsController.requests.pending), ""]

    Component.onCompleted: ChatsController.start()

    // Shows a page: pushed over the tabs on phones, in the content pane on desktop.
    function show(component, properties) {
        const props = Object.assign({ showBack: shell.phone }, properties || {})
        if (shell.phone)
            return phoneStack.push(component, props)
        detail.clear(StackView.Immediate)
        return detail.push(component, props, StackView.Immediate)
    }
    function back() {
        if (shell.phone) {
            if (phoneStack.depth > 0 && phoneStack.currentItem.objectName === "chatPage")
                ChatsController.closeChat()
            // StackView never pops its last page: the tabs lie under it, so clear instead.
            if (phoneStack.depth > 1)
                phoneStack.pop()
            else
                phoneStack.clear(StackView.PopTransition)
        } else {
            if (detail.currentItem && detail.currentItem.objectName === "chatPage")
                ChatsController.closeChat()
            detail.clear(StackView.Immediate)
        }
    }
    function openChat(peer) {
        ChatsController.openChat(peer)
        if (shell.phone) {
            phoneStack.clear(StackView.Immediate)
            shell.tab = 0
        } else {
            shell.tab = 0
        }
        show(chatPage)
    }
    function openProfile(jid) {
        if (!shell.phone && detail.currentItem && detail.currentItem.objectName === "chatPage")
            ChatsController.closeChat()
        show(profileCard, { jid: jid })
    }
    function openAddFriend() {
        if (!shell.phone)
            ChatsController.closeChat()
        show(addFriendPage)
    }
    function openCreateGroup() {
        if (!shell.phone)
            ChatsController.closeChat()
        show(groupPickerPage, { inviting: false })
    }
    // Over the group's chat on phones; in place of it on desktop, where back returns to it.
    function openGroupInfo() {
        show(groupInfoPage, { fallbackTitle: ChatsController.currentTitle, showBack: true })
    }
    function openInvite() {
        show(groupPickerPage, { inviting: true, showBack: true })
    }
    function backToChat() {
        if (shell.phone)
            back()
        else
            show(chatPage)
    }
    function openRequests() {
        if (!shell.phone)
            ChatsController.closeChat()
        show(requestsPage)
    }

    Component {
        id: chatPage
        ChatPage {
            onBack: shell.back()
            onOpenProfile: jid => shell.openProfile(jid)
            onOpenGroupInfo: shell.openGroupInfo()
        }
    }
    Component {
        id: groupPickerPage
        GroupPickerPage {
            // Inviting returns to the group's members; a new group opens its chat when made.
            onBack: inviting && !shell.phone ? shell.openGroupInfo() : shell.back()
        }
    }
    Component {
        id: groupInfoPage
        GroupInfoPage {
            showBack: true
            onBack: shell.backToChat()
            onInvite: shell.openInvite()
            onOpenProfile: jid => shell.openProfile(jid)
        }
    }
    Component {
        id: profileCard
        ProfileCard {
            onBack: shell.back()
            onOpenChat: jid => shell.openChat(jid)
        }
    }
    Component {
        id: addFriendPage
        AddFriendPage {
            onBack: shell.back()
            onOpenChat: jid => shell.openChat(jid)
        }
    }
    Component {
        id: requestsPage
        RequestsPage {
            onBack: shell.back()
            onOpenAddFriend: shell.openAddFriend()
            onOpenProfile: jid => shell.openProfile(jid)
        }
    }

    component TabButtonItem: ItemDelegate {
        property int index
        checkable: false
        highlighted: shell.tab === index
        Accessible.name: shell.tabBadges[index].length > 0
                         ? qsTr("%1, %2 new").arg(shell.tabNames[index]).arg(shell.tabBadges[index])
                         : shell.tabNames[index]
        onClicked: shell.tab = index
        contentItem: Column {
            spacing: 2
            Item {
                anchors.horizontalCenter: parent.horizontalCenter
                width: 24
                height: 24
                TabIcon {
                    anchors.fill: parent
                    kind: index
                    color: shell.tab === index ? Theme.primary : Theme.textSecondary
                }
                Badge {
                    objectName: ["chatsTabBadge", "contactsTabBadge", "meTabBadge"][index]
                    x: parent.width - 6
                    y: -6
                    text: shell.tabBadges[index]
                    color: index === 1 ? Theme.danger : Theme.badge
                }
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: shell.tabNames[index]
                font.family: Theme.fontFamily
                font.pixelSize: Theme.captionSize
                color: shell.tab === index ? Theme.primary : Theme.textSecondary
            }
        }
        background: Rectangle { color: "transparent" }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        // Desktop rail
        Rectangle {
            visible: !shell.phone
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.railWidth
            color: Theme.surface
            Column {
                anchors.top: parent.top
                anchors.topMargin: Theme.grid * 4
                width: parent.width
                spacing: Theme.grid * 2
                Repeater {
                    model: 3
                    TabButtonItem {
                        required property int modelData
                        index: modelData
                        objectName: ["chatsTab", "contactsTab", "meTab"][modelData]
                        width: Theme.railWidth
                        height: 60
                    }
                }
            }
            Rectangle { anchors.right: parent.right; width: 1; height: parent.height; color: Theme.divider }
        }

        // List pane (the whole screen on phones)
        ColumnLayout {
            Layout.fillHeight: true
            Layout.fillWidth: shell.phone
            Layout.preferredWidth: shell.phone ? -1 : Theme.listPaneWidth
            spacing: 0
            TitleBar {
                Layout.fillWidth: true
                title: shell.tabNames[shell.tab]
                trailing: Row {
                    height: Theme.titleBarHeight
                    spacing: Theme.grid
                    // Always visible: a dot and a word for the connection state.
                    Row {
                        objectName: "connectionStatus"
                        anchors.verticalCenter: parent.verticalCenter
                        spacing: Theme.grid * 2
                        Accessible.name: status.text
                        Rectangle {
                            anchors.verticalCenter: parent.verticalCenter
                            width: 8
                            height: 8
                            radius: 4
                            color: SignupController.connectionState === "online" ? Theme.success
                                   : SignupController.connectionState === "connecting" ? Theme.warning
                                                                                        : Theme.danger
                        }
                        Text {
                            id: status
                            anchors.verticalCenter: parent.verticalCenter
                            rightPadding: shell.tab === 2 ? Theme.grid * 2 : 0
                            text: SignupController.connectionState === "online" ? qsTr("Online")
                                  : SignupController.connectionState === "connecting" ? qsTr("Connecting…")
                                                                                       : qsTr("Offline")
                            color: Theme.textSecondary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.captionSize
                        }
                    }
                    ToolButton {
                        objectName: "chatsPlusButton"
                        visible: shell.tab === 0
                        anchors.verticalCenter: parent.verticalCenter
                        width: Theme.touchTarget
                        height: Theme.touchTarget
                        Accessible.name: qsTr("New group or friend")
                        onClicked: plusMenu.popup(this, width - plusMenu.width, height)
                        contentItem: Item {
                            Rectangle { anchors.centerIn: parent; width: 18; height: 2; radius: 1; color: Theme.textPrimary }
                            Rectangle { anchors.centerIn: parent; width: 2; height: 18; radius: 1; color: Theme.textPrimary }
                        }
                        background: Rectangle { radius: Theme.radius; color: parent.down ? Theme.pressedRow : "transparent" }
                        Menu {
                            id: plusMenu
                            objectName: "chatsPlusMenu"
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                            MenuItem {
                                objectName: "newGroupItem"
                                text: qsTr("New group")
                                height: Theme.touchTarget
                                onTriggered: shell.openCreateGroup()
                            }
                            MenuItem {
                                objectName: "plusAddFriendItem"
                                text: qsTr("Add a friend")
                                height: Theme.touchTarget
                                onTriggered: { shell.tab = 1; shell.openAddFriend() }
                            }
                        }
                    }
                    ToolButton {
                        objectName: "addFriendButton"
                        visible: shell.tab === 1
                        anchors.verticalCenter: parent.verticalCenter
                        width: Theme.touchTarget
                        height: Theme.touchTarget
                        Accessible.name: qsTr("Add a friend")
                        onClicked: shell.openAddFriend()
                        contentItem: Item {
                            Rectangle { anchors.centerIn: parent; width: 18; height: 2; radius: 1; color: Theme.textPrimary }
                            Rectangle { anchors.centerIn: parent; width: 2; height: 18; radius: 1; color: Theme.textPrimary }
                        }
                        background: Rectangle { radius: Theme.radius; color: parent.down ? Theme.pressedRow : "transparent" }
                    }
                }
            }
            ConnectionBanner { Layout.fillWidth: true }
            Rectangle {
                objectName: "listSyncProgress"
                Layout.fillWidth: true
                visible: ChatsController.syncing && shell.tab === 0
                implicitHeight: visible ? listSync.implicitHeight + Theme.grid * 2 : 0
                color: Theme.surface
                Text {
                    id: listSync
                    anchors.centerIn: parent
                    text: ChatsController.syncText
                    color: Theme.textSecondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.captionSize
                }
            }
            Banner {
                objectName: "homeStorageErrorBanner"
                Layout.fillWidth: true
                visible: ChatsController.storageError.length > 0 && shell.tab === 0
                danger: true
                radius: 0
                text: ChatsController.storageError
            }

            InvitationBanner {
                visible: shell.tab === 0 && GroupsController.invitations.length > 0
                Layout.fillWidth: true
            }
            ConversationList {
                visible: shell.tab === 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                selectedPeer: shell.phone ? "" : ChatsController.currentPeer
                onOpenChat: peer => shell.openChat(peer)
                onAddFriend: { shell.tab = 1; shell.openAddFriend() }
            }
            ContactsPage {
                visible: shell.tab === 1
                Layout.fillWidth: true
                Layout.fillHeight: true
                selectedJid: !shell.phone && detail.currentItem && detail.currentItem.objectName === "profileCard"
                             ? detail.currentItem.jid : ""
                onOpenRequests: shell.openRequests()
                onOpenAddFriend: shell.openAddFriend()
                onOpenProfile: jid => shell.openProfile(jid)
            }
            MePage {
                visible: shell.tab === 2
                Layout.fillWidth: true
                Layout.fillHeight: true
                onOpenAgreement: shell.openAgreement()
                onOpenNotices: shell.openNotices()
            }

            // Phone tab bar
            Rectangle {
                visible: shell.phone
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.tabBarHeight
                color: Theme.surface
                Rectangle { width: parent.width; height: 1; color: Theme.divider }
                Row {
                    anchors.fill: parent
                    Repeater {
                        model: 3
                        TabButtonItem {
                            required property int modelData
                            index: modelData
                            objectName: ["chatsTab", "contactsTab", "meTab"][modelData]
                            width: parent.width / 3
                            height: Theme.tabBarHeight
                        }
                    }
                }
            }
        }

        // Desktop content pane
        Rectangle {
            visible: !shell.phone
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.windowBackground
            Text {
                anchors.centerIn: parent
                visible: detail.depth === 0
                text: qsTr("Select a chat to start messaging")
                color: Theme.textHint
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
            }
            StackView {
                id: detail
                objectName: "detailPane"
                anchors.fill: parent
                anchors.leftMargin: 1
            }
            Rectangle { width: 1; height: parent.height; color: Theme.divider }
        }
    }

    // Phone: pages pushed over the tabs.
    StackView {
        id: phoneStack
        objectName: "phoneStack"
        anchors.fill: parent
        visible: shell.phone && depth > 0
        Keys.onEscapePressed: shell.back()
    }

    Toast {
        id: toast
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.tabBarHeight + Theme.grid * 6
        z: 10
    }
    Connections {
        target: ChatsController
        function onNotice(text) { toast.show(text) }
    }
    Connections {
        target: FriendsController
        function onNotice(text) { toast.show(text) }
    }
    Connections {
        target: GroupsController
        function onNotice(text) { toast.show(text) }
        function onCreated(room) { shell.openChat(room) }
        function onLeft(room) {
            ChatsController.closeChat()
            if (shell.phone)
                phoneStack.clear(StackView.PopTransition)
            else
                detail.clear(StackView.Immediate)
        }
    }
    Connections {
        target: VoiceController
        function onNotice(text) { toast.show(text) }
    }
    Connections {
        target: AttachmentController
        function onNotice(text) { toast.show(text) }
    }
    // A click on a desktop notification.
    Connections {
        target: DesktopController
        function onChatRequested(peer) { shell.openChat(peer) }
    }

    // Signed in elsewhere: the account moved to another device.
    Rectangle {
        objectName: "signedOutOverlay"
        anchors.fill: parent
        visible: SignupController.signedOutElsewhere
        color: Theme.windowBackground
        z: 20
        ColumnLayout {
            anchors.centerIn: parent
            width: Math.min(parent.width - 48, 420)
            spacing: Theme.grid * 4
            Text {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: qsTr("Your account was signed in on another device")
                color: Theme.textPrimary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.pageTitleSize
                font.weight: Font.DemiBold
            }
            BodyText {
                horizontalAlignment: Text.AlignHCenter
                secondary: true
                text: qsTr("Your chats stay encrypted on this device. Sign in again with your mobile number to use it here.")
            }
            PrimaryButton {
                objectName: "signInAgainButton"
                Layout.fillWidth: true
                text: qsTr("Sign in again")
                onClicked: SignupController.resume(true)
            }
        }
    }
}
