#include "AppPlugins.h"
#include "AppShell.h"
#include "DesktopController.h"
#include "SingleInstance.h"
#include "common/Log.h"

#include <QApplication>
#include <QIcon>
#include <QQuickWindow>
#include <cstdio>

int main(int argc, char *argv[])
{
    // Nothing may be written before consent, including Qt's QML cache.
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    imp::log::init();

    // QApplication, not QGuiApplication: the tray fallback for notifications is a widget class.
    QApplication app(argc, argv);
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

    QGuiApplication::setWindowIcon(QIcon(":/icons/imptech.png"));
    QGuiApplication::setDesktopFileName("com.imptech.IMpTech");

    // One app per profile: a second launch brings the first to the front. (Screenshots are
    // renders for tests and tools, not a second user session.)
    imp::app::SingleInstance instance(options->dataDir);
    if (options->screenshotPath.isEmpty() &&
        instance.start() == imp::app::SingleInstance::Role::AlreadyRunning) {
        std::fprintf(stdout, "IMpTech is already running with this profile; its window was "
                             "brought to the front.\n");
        return 0;
    }

    imp::app::AppShell shell(*options);
    if (!shell.load()) {
        IMP_LOG_ERROR("the user interface failed to load");
        return 1;
    }
    if (!options->screenshotPath.isEmpty())
        return shell.screenshot(options->screenshotPath, options->screenshotSize) ? 0 : 1;
    if (auto *desktop = imp::app::DesktopController::instance(&shell.engine()))
        QObject::connect(&instance, &imp::app::SingleInstance::raiseRequested, desktop,
                         &imp::app::DesktopController::raiseWindow);
    shell.window()->show();
    return QGuiApplication::exec();
}
