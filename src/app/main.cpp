#include "AppShell.h"
#include "common/Log.h"

#include <QGuiApplication>
#include <QQuickWindow>
#include <QtQml/QQmlExtensionPlugin>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(IMpTech_AppPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_OnboardingPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ChatsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ContactsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_MePlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ComponentsPlugin)

int main(int argc, char *argv[])
{
    // Nothing may be written before consent, including Qt's QML cache.
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    imp::log::init();

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("IMpTech");
    QGuiApplication::setOrganizationName("IMpTech");
    QGuiApplication::setApplicationVersion(IMP_APP_VERSION);

    QString error;
    QString help;
    const auto options = imp::app::AppOptions::parse(QGuiApplication::arguments(), &error, &help);
    if (!options) {
        if (!error.isEmpty()) {
            std::fprintf(stderr, "imptech: %s\n", qPrintable(error));
            return 2;
        }
        std::fprintf(stdout, "%s\n",
                     qPrintable(help.isEmpty() ? QGuiApplication::applicationVersion() : help));
        return 0;
    }

    imp::app::AppShell shell(*options);
    if (!shell.load()) {
        IMP_LOG_ERROR("the user interface failed to load");
        return 1;
    }
    if (!options->screenshotPath.isEmpty())
        return shell.screenshot(options->screenshotPath, options->screenshotSize) ? 0 : 1;
    shell.window()->show();
    return QGuiApplication::exec();
}
