#pragma once

#include "AppOptions.h"

#include <QObject>
#include <QQmlApplicationEngine>
#include <QTranslator>
#include <memory>

class QQuickWindow;

namespace imp::app {

// Sets up one app instance: translations, the QML engine and the main window. main() and the
// end-to-end tests share it, so the tests drive exactly what a user runs.
class AppShell : public QObject {
    Q_OBJECT

public:
    explicit AppShell(AppOptions options, QObject *parent = nullptr);
    ~AppShell() override;

    bool load();
    QQuickWindow *window() const;
    QQmlApplicationEngine &engine() { return m_engine; }
    // The engine's instance of the onboarding singleton (null before load()).
    class OnboardingController *onboarding();

    // Renders the window at `size` once the first page has settled, writes the PNG.
    bool screenshot(const QString &path, const QSize &size, int settleMs = 400);

private:
    AppOptions m_options;
    QTranslator m_translator;
    QQmlApplicationEngine m_engine;
};

} // namespace imp::app
