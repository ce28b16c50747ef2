#pragma once

#include "Notifier.h"

#include <QDBusConnection>
#include <QHash>
#include <QSet>
#include <functional>

namespace imp::app {

// org.freedesktop.Notifications on the session bus (every Linux desktop has it). Every call is
// asynchronous: a slow or hung notification daemon never holds up the UI thread.
class FreedesktopNotifier : public Notifier {
    Q_OBJECT

public:
    explicit FreedesktopNotifier(QDBusConnection bus, QObject *parent = nullptr);

    // Asks the daemon who it is; `answer(true)` when one answered, `answer(false)` if none.
    void probe(std::function<void(bool)> answer);

    void show(const QString &key, const QString &summary, const QString &body) override;
    void withdraw(const QString &key) override;

private slots:
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    QDBusConnection m_bus;
    QHash<QString, uint> m_idByKey;
    QHash<uint, QString> m_keyById;
    QSet<QString> m_withdrawWhenShown; // withdrawn before the daemon gave its id
};

} // namespace imp::app
