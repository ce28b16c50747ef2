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
}
