#include "DesktopController.h"

#include "AppContext.h"
#include "FreedesktopNotifier.h"
#include "TrayNotifier.h"
#include "WindowGeometry.h"
#include "chat/MessageService.h"
#include "chat/Profile.h"
#include "chats/ChatsController.h"
#include "common/Log.h"
#include "contacts/FriendsController.h"
#include "legal/AgePolicy.h"
#include "onboarding/OnboardingController.h"

#include <QDBusConnection>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QScreen>

namespace imp::app {

namespace {
constexpr const char *HideTextSetting = "notifications_hide_text";
}

DesktopController::DesktopController(QObject *parent)
    : QObject(parent)
{
    m_saveGeometry.setSingleShot(true);
    m_saveGeometry.setInterval(1000);
    connect(&m_saveGeometry, &QTimer::timeout, this, &DesktopController::saveGeometry);
}

DesktopController::~DesktopController() = default;

DesktopController *DesktopController::create(QQmlEngine *engine, QJSEngine *)
{
    auto *controller = new DesktopController;
    controller->m_engine = engine;
    QJSEngine::setObjectOwnership(controller, QJSEngine::JavaScriptOwnership);
    return controller;
}

DesktopController *DesktopController::instance(QQmlEngine *engine)
{
    if (!engine)
        return nullptr;
    const int typeId = qmlTypeId("IMpTech.Desktop", 1, 0, "DesktopController");
    return typeId < 0 ? nullptr : engine->singletonInstance<DesktopController *>(typeId);
}

QQmlEngine *DesktopController::engine() const
{
    // The engine that created this singleton (set by create(), else by the QML type loader).
    return m_engine ? m_engine : qmlEngine(this);
}

QString DesktopController::windowTitle() const
{
    const int unread = unreadTotal();
    return unread > 0 ? tr("IMpTech (%1)").arg(ChatsController::badgeText(unread)) : tr("IMpTech");
}

int DesktopController::unreadTotal() const
{
    return m_chats ? m_chats->conversations()->unreadTotal() : 0;
}

QString DesktopController::hiddenText(int count)
{
    return count > 1 ? tr("You have %n new messages", nullptr, count)
                     : tr("You have a new message");
}

void DesktopController::attachWindow(QQuickWindow *window)
{
    if (!window || m_window)
        return;
    m_window = window;
    const QString profileDir = AppContext::current().options.dataDir;
    if (auto saved = WindowGeometry::load(profileDir)) {
        m_normalRect = saved->rect;
        QList<QRect> screens;
        if (QScreen *primary = QGuiApplication::primaryScreen())
            screens.append(primary->availableGeometry());
        for (QScreen *screen : QGuiApplication::screens())
            if (screen != QGuiApplication::primaryScreen())
                screens.append(screen->availableGeometry());
        window->setGeometry(WindowGeometry::fit(saved->rect, screens, window->minimumSize()));
        if (saved->maximized)
            window->setWindowStates(Qt::WindowMaximized);
    }
    const auto later = [this] {
        m_saveGeometry.start();
    };
    connect(window, &QWindow::xChanged, this, later);
    connect(window, &QWindow::yChanged, this, later);
    connect(window, &QWindow::widthChanged, this, later);
    connect(window, &QWindow::heightChanged, this, later);
    connect(window, &QWindow::windowStateChanged, this, later);
    connect(qGuiApp, &QGuiApplication::aboutToQuit, this, &DesktopController::saveGeometry);

    m_chats = ChatsController::instance(engine());
    if (!m_chats)
        return;
    connect(m_chats->conversations(), &ConversationListModel::unreadTotalChanged, this,
            &DesktopController::showUnread);
    if (m_chats->started())
        connectChats();
    else
        connect(m_chats, &ChatsController::startedChanged, this, &DesktopController::connectChats,
                Qt::SingleShotConnection);
}

void DesktopController::raiseWindow()
{
    if (!m_window)
        return;
    if (m_window->windowStates() & Qt::WindowMinimized)
        m_window->setWindowStates(m_window->windowStates() & ~Qt::WindowMinimized);
    m_window->show();
    m_window->raise();
    m_window->requestActivate();
}

void DesktopController::saveGeometry()
{
    // Only into a profile (after consent): before it, nothing is written.
    if (!m_window || !chat::Profile::exists(AppContext::current().options.dataDir))
        return;
    // While maximized, keep the last normal size, so un-maximizing next time goes back to it.
    const bool maximized = m_window->windowStates() & Qt::WindowMaximized;
    if (!maximized)
        m_normalRect = m_window->geometry();
    if (m_normalRect.isValid())
        WindowGeometry::save(AppContext::current().options.dataDir, {m_normalRect, maximized});
}

void DesktopController::connectChats()
{
    if (!m_chats || !m_chats->messageService())
        return;
    chooseNotifier();
    loadSettings();
    auto *messages = m_chats->messageService();
    connect(messages, &chat::MessageService::messageAdded, this, &DesktopController::onMessage);
    connect(messages, &chat::MessageService::conversationChanged, this,
            [this](const chat::Conversation &c) {
                if (c.unread == 0)
                    onRead(c.peer);
            });
    showUnread();
}

void DesktopController::showUnread()
{
    emit windowTitleChanged();
    if (m_badge)
        m_badge->setCount(unreadTotal());
}

void DesktopController::chooseNotifier()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        fallBack("no session bus");
        return;
    }
    m_badge.emplace(bus);
    auto *dbus = new FreedesktopNotifier(bus);
    useNotifier(std::unique_ptr<Notifier>(dbus));
    QPointer<FreedesktopNotifier> candidate = dbus;
    dbus->probe([this, candidate](bool answered) {
        if (answered || !candidate || m_notifier.get() != candidate)
            return;
        // Called from the notifier's own reply: let it go later, not now.
        m_notifier.release()->deleteLater();
        fallBack("no notification service on the session bus");
    });
}

void DesktopController::fallBack(const char *why)
{
    // Said once: a desktop without notifications is not an error to repeat.
    if (TrayNotifier::available()) {
        IMP_LOG_INFO("notifications: {}; using the system tray", why);
        useNotifier(std::make_unique<TrayNotifier>());
    } else {
        IMP_LOG_INFO("notifications: {} and no tray; messages arrive silently", why);
    }
}

void DesktopController::useNotifier(std::unique_ptr<Notifier> notifier)
{
    m_notifier = std::move(notifier);
    connect(m_notifier.get(), &Notifier::activated, this, [this](const QString &key) {
        raiseWindow();
        const QString peer = m_peerByKey.value(key);
        if (!peer.isEmpty())
            emit chatRequested(peer);
    });
}

void DesktopController::loadSettings()
{
    auto *onboarding = OnboardingController::instance(engine());
    auto profile = onboarding ? onboarding->profile() : nullptr;
    if (!profile)
        return;
    QPointer<DesktopController> self = this;
    profile->setting(chat::Profile::AgeBracketSetting)
        .then(this, [self, profile](Result<std::optional<QByteArray>> bracket) {
            if (!self)
                return;
            const bool minor =
                bracket && bracket.value() &&
                legal::AgePolicy::bracketFromName(QString::fromLatin1(*bracket.value()))
                        .value_or(legal::AgeBracket::Adult) != legal::AgeBracket::Adult;
            profile->setting(HideTextSetting)
                .then(self, [self, minor](Result<std::optional<QByteArray>> hide) {
                    if (!self)
                        return;
                    self->m_minor = minor;
                    self->m_userHide = hide && hide.value() && *hide.value() == "1";
                    self->m_policy.setHideText(self->m_minor || self->m_userHide);
                    emit self->hideNotificationTextChanged();
                });
        });
}

void DesktopController::setHideNotificationText(bool hide)
{
    if (m_minor || hide == m_userHide)
        return;
    m_userHide = hide;
    m_policy.setHideText(hide);
    emit hideNotificationTextChanged();
    auto *onboarding = OnboardingController::instance(engine());
    if (auto profile = onboarding ? onboarding->profile() : nullptr)
        profile->putSetting(HideTextSetting, hide ? "1" : "0").then(this, [](Result<void> saved) {
            if (!saved)
                IMP_LOG_WARN("notification setting not saved ({})", saved.error().code);
        });
}

bool DesktopController::inFront() const
{
    return QGuiApplication::applicationState() == Qt::ApplicationActive && m_window &&
           m_window->isActive() && m_window->isVisible() &&
           !(m_window->windowStates() & Qt::WindowMinimized);
}

void DesktopController::onMessage(const chat::Message &message)
{
    if (!m_notifier || !m_chats)
        return;
    auto *friends = FriendsController::instance(engine());
    // The conversation's title names a group too; a friend's name comes from the contacts.
    QString title = m_chats->conversations()->titleOf(message.peer);
    if (title.isEmpty() && friends)
        title = friends->contactInfo(message.peer).value("name").toString();
    auto request = m_policy.incoming(message, title, inFront());
    if (!request)
        return;
    m_peerByKey.insert(request->key, request->peer);
    if (request->hidden) {
        m_notifier->show(request->key, tr("IMpTech"), hiddenText(request->count));
        return;
    }
    const QString body = request->count > 1
                             ? tr("[%n messages] %1", nullptr, request->count).arg(request->text)
                             : request->text;
    m_notifier->show(request->key, request->title, body);
}

void DesktopController::onRead(const QString &peer)
{
    if (auto key = m_policy.read(peer); key && m_notifier) {
        m_notifier->withdraw(*key);
        m_peerByKey.remove(*key);
    }
}

} // namespace imp::app
