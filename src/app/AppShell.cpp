#include "AppShell.h"

#include "AppContext.h"
#include "common/Log.h"
#include "onboarding/OnboardingController.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QQuickWindow>
#include <QTimer>
#include <cstdio>

namespace imp::app {

AppShell::AppShell(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    AppContext context;
    context.options = m_options;
    AppContext::install(std::move(context));

    const QString qm = QString("imptech_%1.qm").arg(m_options.language);
    if (m_translator.load(qm, m_options.translationsDir) ||
        (m_options.translationsDir != ":/i18n" && m_translator.load(qm, ":/i18n")))
        QCoreApplication::installTranslator(&m_translator);
    else
        IMP_LOG_WARN("no translation for the chosen language; showing source strings");
    m_engine.addImportPath("qrc:/");
}

AppShell::~AppShell()
{
    QCoreApplication::removeTranslator(&m_translator);
}

bool AppShell::load()
{
    m_engine.load(QUrl("qrc:/IMpTech/App/Main.qml"));
    return window() != nullptr;
}

OnboardingController *AppShell::onboarding()
{
    return OnboardingController::instance(&m_engine);
}

QQuickWindow *AppShell::window() const
{
    const auto roots = m_engine.rootObjects();
    return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
}

bool AppShell::screenshot(const QString &path, const QSize &size, int settleMs)
{
    auto *win = window();
    if (!win)
        return false;
    win->resize(size);
    win->show();
    // Wait for the first frame, then give async page decisions (profile open) time to settle.
    QEventLoop loop;
    QObject::connect(win, &QQuickWindow::frameSwapped, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    if (qEnvironmentVariableIsSet("IMP_REPORT_FIRST_FRAME")) {
        // bench/startup.py times process start to this line.
        std::fputs("first-frame\n", stdout);
        std::fflush(stdout);
    }
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < settleMs || win->property("busy").toBool()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (settle.elapsed() > 10000)
            break;
    }
    const QImage image = win->grabWindow();
    if (image.isNull() || !image.save(path)) {
        IMP_LOG_ERROR("could not write the screenshot");
        return false;
    }
    return true;
}

} // namespace imp::app
