#pragma once

#include "LauncherBadge.h"
#include "Notifier.h"
#include "chat/NotificationPolicy.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QQuickWindow>
#include <QTimer>
#include <memory>
#include <optional>

namespace imp::app {

class ChatsController;

// The app as a desktop program: notifications for messages that arrive while the window is not
// in front (clicking one opens that chat), the unread count on the window title and the
// launcher icon, and the window's size and place kept between runs. The rules are in
// chat::NotificationPolicy and WindowGeometry; this wires them to the platform.
class DesktopController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(QString windowTitle READ windowTitle NOTIFY windowTitleChanged)
    Q_PROPERTY(bool hideNotificationText READ hideNotificationText WRITE setHideNotificationText
                   NOTIFY hideNotificationTextChanged)
    // Minors' mode: the text is always hidden, and the switch cannot turn it off.
    Q_PROPERTY(bool hideTextLocked READ hideTextLocked NOTIFY hideNotificationTextChanged)

public:
    explicit DesktopController(QObject *parent = nullptr);
    ~DesktopController() override;
    static DesktopController *create(QQmlEngine *engine, QJSEngine *);
    static DesktopController *instance(QQmlEngine *engine);

    QString windowTitle() const;
    bool hideNotificationText() const { return m_policy.hideText(); }
    void setHideNotificationText(bool hide);
    bool hideTextLocked() const { return m_minor; }

    // Main.qml hands over its window once: its place is restored and then followed.
    Q_INVOKABLE void attachWindow(QQuickWindow *window);
    // Brings the window to the front (a click on a notification, a second launch).
    Q_INVOKABLE void raiseWindow();

    // For tests: the notifier in use, or null when this desktop has none.
    Notifier *notifier() const { return m_notifier.get(); }
    static QString hiddenText(int count);

signals:
    void windowTitleChanged();
    void hideNotificationTextChanged();
    // A notification was clicked: the shell shows that chat.
    void chatRequested(const QString &peer);

private:
    QQmlEngine *engine() const;
    void connectChats();
    void showUnread(); // the unread count on the title and the launcher
    void loadSettings();
    void chooseNotifier();
    void fallBack(const char *why);
    void useNotifier(std::unique_ptr<Notifier> notifier);
    void onMessage(const chat::Message &message);
    void onRead(const QString &peer);
    bool inFront() const;
    void saveGeometry();
    int unreadTotal() const;

    QQmlEngine *m_engine = nullptr;
    QPointer<QQuickWindow> m_window;
    QPointer<ChatsController> m_chats;
    chat::NotificationPolicy m_policy;
    std::unique_ptr<Notifier> m_notifier;
    std::optional<LauncherBadge> m_badge;
    bool m_minor = false;
    bool m_userHide = false;
    QTimer m_saveGeometry;
    QRect m_normalRect;                  // the window's place when not maximized
    QHash<QString, QString> m_peerByKey; // what a click on a notification opens
};

} // namespace imp::app
