#pragma once

#include "Notifier.h"

#include <memory>

class QSystemTrayIcon;

namespace imp::app {

// Qt's own tray balloon, where no freedesktop service answers (Windows, macOS, and Linux
// desktops with a tray but no notification daemon). It shows one message at a time, so a
// click opens the conversation of the newest.
class TrayNotifier : public Notifier {
    Q_OBJECT

public:
    // Whether a tray exists here (needs a QApplication: QSystemTrayIcon is a widget class).
    static bool available();
    explicit TrayNotifier(QObject *parent = nullptr);
    ~TrayNotifier() override;

    void show(const QString &key, const QString &summary, const QString &body) override;
    void withdraw(const QString &key) override;

private:
    std::unique_ptr<QSystemTrayIcon> m_tray;
    QString m_shownKey;
};

} // namespace imp::app
