pragma Singleton
import QtQuick

// The design tokens of ../shared/UI.md, in one place. Pages never use colour or size literals.
QtObject {
    property bool dark: false

    readonly property color primary: dark ? "#3B82F6" : "#2563EB"
    readonly property color primaryPressed: dark ? "#2563EB" : "#1D4ED8"
    readonly property color danger: dark ? "#EF4444" : "#DC2626"
    readonly property color success: dark ? "#22C55E" : "#16A34A"
    readonly property color warning: dark ? "#F59E0B" : "#B45309"
    readonly property color warningSurface: dark ? "#3A2A0A" : "#FEF3C7"
    readonly property color windowBackground: dark ? "#111111" : "#F3F4F6"
    readonly property color surface: dark ? "#1C1C1E" : "#FFFFFF"
    readonly property color textPrimary: dark ? "#F3F4F6" : "#111827"
    readonly property color textSecondary: dark ? "#A1A1AA" : "#6B7280"
    readonly property color textHint: dark ? "#71717A" : "#9CA3AF"
    readonly property color divider: dark ? "#2C2C2E" : "#E5E7EB"
    readonly property color textOnPrimary: "#FFFFFF"
    readonly property color highlight: dark ? "#854D0E" : "#FDE68A"
    readonly property color dangerSurface: dark ? "#3B1212" : "#FEE2E2"

    // Chats
    readonly property color ownBubble: dark ? "#1E3A8A" : "#DBEAFE"
    readonly property color ownBubbleText: dark ? "#F8FAFC" : "#0F172A"
    readonly property color peerBubble: dark ? "#2C2C2E" : "#FFFFFF"
    readonly property color peerBubbleText: dark ? "#F3F4F6" : "#111827"
    readonly property color chatBackground: dark ? "#111111" : "#EEF0F3"
    readonly property color pinnedRow: dark ? "#232326" : "#F1F5FB"
    readonly property color selectedRow: dark ? "#2A3550" : "#E0EAFD"
    readonly property color pressedRow: dark ? "#2C2C2E" : "#E5E7EB"
    readonly property color badge: primary
    readonly property color tickRead: primary
    readonly property color tickUnread: textHint
    readonly property color separatorChip: dark ? "#2C2C2E" : "#E2E5EA"
    readonly property color toastBackground: dark ? "#E5E7EB" : "#1F2937"
    readonly property color toastText: dark ? "#111827" : "#FFFFFF"
    // Avatar letters on these fills are white: every fill keeps WCAG AA contrast for large text.
    readonly property var avatarColors: ["#2563EB", "#0F766E", "#7C3AED", "#B45309",
                                         "#BE123C", "#0369A1", "#4D7C0F", "#9333EA"]
    function avatarColor(index) { return avatarColors[Math.abs(index) % avatarColors.length] }

    readonly property string fontFamily: Qt.platform.os === "osx" || Qt.platform.os === "ios"
                                         ? "PingFang SC"
                                         : Qt.platform.os === "windows" ? "Microsoft YaHei"
                                                                        : "Noto Sans CJK SC"

    readonly property int captionSize: 12
    readonly property int secondarySize: 14
    readonly property int bodySize: 16
    readonly property int listTitleSize: 17
    readonly property int pageTitleSize: 20
    readonly property int heroSize: 24

    readonly property int grid: 4
    readonly property int touchTarget: 44
    readonly property int buttonHeight: 48
    readonly property int titleBarHeight: 52
    readonly property int radius: 8
    readonly property int cardRadius: 12
    readonly property int onboardingMaxWidth: 480
    readonly property int phoneBreakpoint: 700

    readonly property int avatarSize: 44
    readonly property int chatAvatarSize: 36
    readonly property int avatarRadius: 6
    readonly property int conversationRowHeight: 68
    readonly property int contactRowHeight: 60
    readonly property int bubbleRadius: 8
    readonly property int bubblePaddingV: 10
    readonly property int bubblePaddingH: 12
    readonly property real bubbleMaxWidthRatio: 0.7
    readonly property int listPaneWidth: 300
    readonly property int railWidth: 72
    readonly property int tabBarHeight: 56
    readonly property int badgeHeight: 18
    readonly property int sectionHeaderHeight: 28
    readonly property int indexStripWidth: 20
    readonly property int composerMaxHeight: 140
}
