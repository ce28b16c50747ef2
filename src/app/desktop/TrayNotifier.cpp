#include "TrayNotifier.h"

#include <QApplication>
#include <QIcon>
#include <QSystemTrayIcon>

namespace imp::app {

bool TrayNotifier::available()
{
    return qobject_cast<QApplication *>(QCoreApplication::instance()) &&
           QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages();
}

TrayNotifier::TrayNotifier(QObject *parent)
    : Notifier(parent)
    , m_tray(std::make_unique<QSystemTrayIcon>(QIcon(":/icons/imptech.png")))
{
    m_tray->setToolTip(QStringLiteral("IMpTech"));
    connect(m_tray.get(), &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_shownKey.isEmpty())
            emit activated(m_shownKey);
    });
    connect(m_tray.get(), &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger && !m_shownKey.isEmpty())
                    emit activated(m_shownKey);
            });
    m_tray->show();
}

TrayNotifier::~TrayNotifier() = default;

void TrayNotifier::show(const QString &key, const QString &summary, const QString &body)
{
    m_shownKey = key;
    m_tray->showMessage(summary, body, QSystemTrayIcon::Information, 10000);
}

void TrayNotifier::withdraw(const QString &key)
{
    // A balloon cannot be taken back; it only stops opening this conversation.
    if (key == m_shownKey)
        m_shownKey.clear();
}

} // namespace imp::app
