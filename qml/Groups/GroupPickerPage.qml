import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import IMpTech.Components
import IMpTech.Groups

// Choose friends: for a new group (at least two, and an optional name; without one the group is
// named after its members) or to invite to the open group (its members shown as already in).
Rectangle {
    id: page
    objectName: "groupPickerPage"
    property bool showBack: true
    property bool inviting: false
    signal back()
    color: Theme.surface

    Component.onCompleted: inviting ? GroupsController.beginInvite() : GroupsController.beginCreate()

    function confirm() {
        if (page.inviting) {
            GroupsController.inviteFromPicker()
            page.back()
        } else {
            GroupsController.createFromPicker(nameField.text)
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TitleBar {
            Layout.fillWidth: true
            showBack: page.showBack
            title: page.inviting ? qsTr("Invite friends") : qsTr("New group")
            onBack: page.back()
            trailing: Item {
                width: done.width + Theme.grid * 2
                height: Theme.titleBarHeight
                Button {
                    id: done
                    objectName: "groupPickerDone"
                    anchors.verticalCenter: parent.verticalCenter
                    readonly property int chosen: GroupsController.picker.selectedCount
                    enabled: page.inviting ? chosen > 0 && !GroupsController.busy
                                           : chosen >= 2 && !GroupsController.busy
                    text: chosen > 0 ? qsTr("Done (%1)").arg(chosen) : qsTr("Done")
                    Accessible.name: text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.secondarySize
                    implicitHeight: 36
                    leftPadding: Theme.grid * 3
                    rightPadding: Theme.grid * 3
                    onClicked: page.confirm()
                    contentItem: Text {
                        text: parent.text
                        font: parent.font
                        color: Theme.textOnPrimary
                        opacity: parent.enabled ? 1 : 0.7
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                    }
                    background: Rectangle {
                        radius: Theme.radius
                        color: !parent.enabled ? Qt.lighter(Theme.primary, 1.6)
                                               : parent.down ? Theme.primaryPressed : Theme.primary
                    }
                }
            }
        }
        TextField {
            id: nameField
            objectName: "groupNameField"
            visible: !page.inviting
            Layout.fillWidth: true
            Layout.leftMargin: Theme.grid * 4
            Layout.rightMargin: Theme.grid * 4
            Layout.topMargin: Theme.grid * 2
            placeholderText: qsTr("Group name (optional)")
            Accessible.name: placeholderText
            maximumLength: 64
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            color: Theme.textPrimary
            placeholderTextColor: Theme.textHint
            selectByMouse: true
            background: Rectangle {
                implicitHeight: Theme.touchTarget
                color: "transparent"
                Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: nameField.activeFocus ? Theme.primary : Theme.divider }
            }
        }
        Text {
            objectName: "groupPickerHint"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.grid * 4
            Layout.rightMargin: Theme.grid * 4
            Layout.topMargin: Theme.grid * 2
            visible: !page.inviting
            wrapMode: Text.WordWrap
            text: qsTr("Choose at least two friends. Only friends can be added.")
            color: Theme.textSecondary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.captionSize
        }
        SearchField {
            id: search
            objectName: "groupPickerSearch"
            Layout.fillWidth: true
            Layout.margins: Theme.grid * 2
            placeholderText: qsTr("Search friends")
            onTextChanged: GroupsController.picker.filter = text
        }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: list
                objectName: "groupPickerList"
                anchors.fill: parent
                clip: true
                model: GroupsController.picker
                delegate: ItemDelegate {
                    id: row
                    required property string name
                    required property string initial
                    required property int colorIndex
                    required property bool picked
                    required property bool fixed
                    required property int index
                    objectName: "pick_" + index
                    width: ListView.view.width
                    height: Theme.contactRowHeight
                    leftPadding: Theme.grid * 4
                    rightPadding: Theme.grid * 4
                    enabled: !row.fixed
                    Accessible.role: Accessible.CheckBox
                    Accessible.name: row.fixed ? qsTr("%1, already in the group").arg(row.name) : row.name
                    Accessible.checked: row.picked
                    onClicked: GroupsController.picker.toggle(index)
                    background: Rectangle { color: row.down ? Theme.pressedRow : Theme.surface }
                    contentItem: RowLayout {
                        spacing: Theme.grid * 3
                        CheckMark { checked: row.picked; fixed: row.fixed }
                        Avatar { letter: row.initial; colorIndex: row.colorIndex }
                        Text {
                            Layout.fillWidth: true
                            text: row.name
                            elide: Text.ElideRight
                            horizontalAlignment: Text.AlignLeft
                            color: row.fixed ? Theme.textHint : Theme.textPrimary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.listTitleSize
                        }
                    }
                    Rectangle { anchors.bottom: parent.bottom; x: Theme.grid * 4 + 22 + Theme.avatarSize + Theme.grid * 6; width: parent.width - x; height: 1; color: Theme.divider }
                }
                ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            }
            EmptyState {
                objectName: "groupPickerEmpty"
                visible: list.count === 0
                anchors.centerIn: parent
                width: parent.width - Theme.grid * 12
                text: search.text.length > 0 ? qsTr("No friend matches “%1”").arg(search.text)
                                             : qsTr("Add friends first: groups are made of friends.")
            }
            BusyIndicator {
                anchors.centerIn: parent
                running: GroupsController.busy
                visible: running
            }
        }
    }
    Keys.onEscapePressed: page.back()
}
