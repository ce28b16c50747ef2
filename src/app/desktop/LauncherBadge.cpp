#include "LauncherBadge.h"

#include <QDBusMessage>
#include <QVariantMap>

namespace imp::app {

LauncherBadge::LauncherBadge(QDBusConnection bus)
    : m_bus(std::move(bus))
{}

void LauncherBadge::setCount(int count)
{
    if (count == m_count || !m_bus.isConnected())
        return;
    m_count = count;
    auto signal = QDBusMessage::createSignal(QStringLiteral("/com/imptech/IMpTech"),
                                             QStringLiteral("com.canonical.Unity.LauncherEntry"),
                                             QStringLiteral("Update"));
    const QVariantMap properties{{"count", qint64(count)}, {"count-visible", count > 0}};
    signal << QStringLiteral("application://com.imptech.IMpTech.desktop") << properties;
    m_bus.send(signal);
}

} // namespace imp::app
