import QtQuick
import IMpTech.Components

// A round check mark for a picker row: empty, checked, or checked and fixed (greyed).
Rectangle {
    id: mark
    property bool checked: false
    property bool fixed: false
    width: 22
    height: 22
    radius: 11
    color: checked ? (fixed ? Theme.textHint : Theme.primary) : "transparent"
    border.width: checked ? 0 : 2
    border.color: Theme.textHint
    Accessible.ignored: true
    // The tick: two strokes.
    Rectangle { visible: mark.checked; x: 5; y: 11; width: 6; height: 2; radius: 1; rotation: 45; color: Theme.textOnPrimary }
    Rectangle { visible: mark.checked; x: 8; y: 9; width: 10; height: 2; radius: 1; rotation: -50; color: Theme.textOnPrimary }
}
