#pragma once

// The app's QML modules are static plugins: each executable that loads the app's QML (the app,
// its end-to-end tests, the benchmarks) includes this once, in one source file.
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(IMpTech_AppPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_OnboardingPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ChatsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ContactsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_GroupsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_MePlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ComponentsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_DesktopPlugin)
