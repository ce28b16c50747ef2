#include "FreedesktopNotifier.h"

#include "common/Log.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

namespace imp::app {

namespace {
constexpr const char *Service = "org.freedesktop.Notifications";
constexpr const char *Path = "/org/freedesktop/Notifications";
constexpr const char *Interface = "org.freedesktop.Notifications";
} // namespace

FreedesktopNotifier::FreedesktopNotifier(QDBusConnection bus, QObject *parent)
    : Notifier(parent)
    , m_bus(std::move(bus))
{
    m_bus.connect(Service, Path, Interface, "ActionInvoked", this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(Service, Path, Interface, "NotificationClosed", this, SLOT(onClosed(uint, uint)));
}

void FreedesktopNotifier::probe(std::function<void(bool)> answer)
{
    auto call = QDBusMessage::createMethodCall(Service, Path, Interface, "GetServerInformation");
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [answer = std::move(answer)](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                QDBusPendingReply<QString, QString, QString, QString> reply = *w;
                if (reply.isError()) {
                    IMP_LOG_INFO("notifications: no freedesktop service ({})",
                                 reply.error().name().toStdString());
                    answer(false);
                    return;
                }
                IMP_LOG_INFO("notifications: {} {}", reply.argumentAt<0>().toStdString(),
                             reply.argumentAt<2>().toStdString());
                answer(true);
            });
}

void FreedesktopNotifier::show(const QString &key, const QString &summary, const QString &body)
{
    auto call = QDBusMessage::createMethodCall(Service, Path, Interface, "Notify");
    const QVariantMap hints{
        {"desktop-entry", QStringLiteral("com.imptech.IMpTech")},
        {"category", QStringLiteral("im.received")},
        {"urgency", QVariant::fromValue<uchar>(1)},
    };
    // "default" is the click on the notification itself.
    const QStringList actions{QStringLiteral("default"), tr("Open")};
    call << QStringLiteral("IMpTech") << m_idByKey.value(key, 0u)
         << QStringLiteral("com.imptech.IMpTech") << summary << body << actions << hints
         << qint32(-1);
    m_withdrawWhenShown.remove(key);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, key](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                QDBusPendingReply<uint> reply = *w;
                if (reply.isError()) {
                    IMP_LOG_WARN("notifications: Notify failed ({})",
                                 reply.error().name().toStdString());
                    return;
                }
                const uint id = reply.value();
                if (const uint old = m_idByKey.value(key, 0u); old != 0 && old != id)
                    m_keyById.remove(old);
                m_idByKey.insert(key, id);
                m_keyById.insert(id, key);
                if (m_withdrawWhenShown.remove(key))
                    withdraw(key);
            });
}

void FreedesktopNotifier::withdraw(const QString &key)
{
    const uint id = m_idByKey.value(key, 0u);
    if (id == 0) {
        m_withdrawWhenShown.insert(key);
        return;
    }
    auto call = QDBusMessage::createMethodCall(Service, Path, Interface, "CloseNotification");
    call << id;
    m_bus.asyncCall(call, 5000);
    m_idByKey.remove(key);
    m_keyById.remove(id);
}

void FreedesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    const QString key = m_keyById.value(id);
    if (key.isEmpty() || (action != "default" && action != "open"))
        return;
    emit activated(key);
}

void FreedesktopNotifier::onClosed(uint id, uint)
{
    const QString key = m_keyById.take(id);
    if (!key.isEmpty() && m_idByKey.value(key) == id)
        m_idByKey.remove(key);
}

} // namespace imp::app
