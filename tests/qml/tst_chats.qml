import QtQuick
import QtTest
import IMpTech.Components
import IMpTech.Chats

// The home shell before any account exists (ChatsController not started): layouts at phone and
// desktop widths, the tabs, the empty states and their actions, and the badge rule.
Item {
    id: root
    width: 390
    height: 844

    HomeShell {
        id: shell
        anchors.fill: parent
    }

    TestCase {
        name: "Chats"
        when: windowShown

        function findNamed(item, name) {
            if (!item)
                return null
            if (item.objectName === name && item.visible)
                return item
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) {
                const found = findNamed(kids[i], name)
                if (found)
                    return found
            }
            if (item.contentItem && item.contentItem.parent !== item)
                return findNamed(item.contentItem, name)
            return null
        }
        function named(name) {
            let found = null
            tryVerify(() => (found = findNamed(root, name)) !== null, 3000, "no item " + name)
            return found
        }

        function init() {
            root.width = 390
            shell.tab = 0
        }

        function test_badgeCapsAt99() {
            compare(ChatsController.badgeText(0), "")
            compare(ChatsController.badgeText(7), "7")
            compare(ChatsController.badgeText(99), "99")
            compare(ChatsController.badgeText(100), "99+")
        }

        function test_phoneHasBottomTabsAndEmptyStates() {
            verify(shell.phone)
            const tab = named("contactsTab")
            verify(tab.height >= Theme.touchTarget, "tab is a full touch target")
            verify(tab.mapToItem(root, 0, 0).y > root.height / 2, "tabs sit at the bottom on phones")
            verify(named("chatsEmptyState"))
            mouseClick(named("emptyAddFriendButton"))
            verify(named("addFriendPage"), "the empty list's action opens Add a friend")
            mouseClick(named("backButton"))
            tryVerify(() => findNamed(root, "addFriendPage") === null)
            mouseClick(named("contactsTab"))
            verify(named("contactsEmptyState"))
            verify(named("newFriendsRow"))
            mouseClick(named("meTab"))
            verify(named("mePage"))
        }

        function test_desktopHasRailListAndContent() {
            root.width = 1280
            tryVerify(() => !shell.phone)
            const tab = named("contactsTab")
            const at = tab.mapToItem(root, 0, 0)
            verify(at.x < Theme.railWidth, "tabs are a rail on the left")
            verify(at.y < root.height / 2)
            const list = named("conversationList")
            tryCompare(list, "width", Theme.listPaneWidth)
            mouseClick(named("contactsTab"))
            mouseClick(named("addFriendButton"))
            const page = named("addFriendPage")
            verify(page.mapToItem(root, 0, 0).x >= Theme.railWidth + Theme.listPaneWidth - 1,
                   "opens beside the list")
            verify(findNamed(root, "contactsPage"), "the list stays visible")
        }

        function test_everyVisibleButtonHasAName() {
            function check(item) {
                if (!item || !item.visible)
                    return
                if (item.toString().indexOf("Button") >= 0 && item.hasOwnProperty("text"))
                    verify((item.Accessible.name || item.text || "").length > 0,
                           "unnamed control " + item.objectName)
                const kids = item.children || []
                for (let i = 0; i < kids.length; ++i)
                    check(kids[i])
            }
            for (const t of ["chatsTab", "contactsTab", "meTab"]) {
                mouseClick(named(t))
                check(root)
            }
        }
    }
}
