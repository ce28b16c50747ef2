#pragma once

#include <QDBusConnection>

namespace imp::app {

// The unread count on the launcher icon, where the desktop offers one: the
// com.canonical.Unity.LauncherEntry signal that GNOME's docks, KDE's task manager and Plank
// read. A broadcast signal: nothing waits for an answer, and nobody listening costs nothing.
class LauncherBadge {
public:
    explicit LauncherBadge(QDBusConnection bus);
    void setCount(int count);

private:
    QDBusConnection m_bus;
    int m_count = -1;
};

} // namespace imp::app
