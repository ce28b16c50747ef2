#include "FriendsController.h"

#include "TextFormat.h"
#include "account/PhoneNumbers.h"
#include "chat/ContactService.h"
#include "onboarding/SignupController.h"

#include <QRegularExpression>

namespace imp::app {

FriendsController::FriendsController(QObject *parent)
    : QObject(parent)
{}

FriendsController::~FriendsController() = default;

FriendsController *FriendsController::create(QQmlEngine *engine, QJSEngine *)
{
    auto *controller = new FriendsController;
    controller->m_engine = engine;
    QJSEngine::setObjectOwnership(controller, QJSEngine::JavaScriptOwnership);
    return controller;
}

QQmlEngine *FriendsController::engine() const
{
    // The engine that created this singleton (set by create(), else by the QML type loader).
    return m_engine ? m_engine : qmlEngine(this);
}

FriendsController *FriendsController::instance(QQmlEngine *engine)
{
    if (!engine)
        return nullptr;
    const int typeId = qmlTypeId("IMpTech.Contacts", 1, 0, "FriendsController");
    return typeId < 0 ? nullptr : engine->singletonInstance<FriendsController *>(typeId);
}

void FriendsController::attach(chat::ContactService *contacts, TitleLookup titleOf)
{
    if (m_contactService || !contacts)
        return;
    m_contactService = contacts;
    m_titleOf = std::move(titleOf);
    connect(contacts, &chat::ContactService::contactsChanged, this,
            &FriendsController::refreshContacts);
    connect(contacts, &chat::ContactService::requestsChanged, this,
            &FriendsController::refreshRequests);
    refreshContacts();
    refreshRequests();
}

void FriendsController::refreshContacts()
{
    if (!m_contactService)
        return;
    m_contacts.setContacts(m_contactService->contacts());
    if (m_lookupUser)
        emit lookupChanged(); // "already a friend" may have changed
}

void FriendsController::refreshRequests()
{
    if (m_contactService)
        m_requests.setRequests(m_contactService->requests());
}

QString FriendsController::badgeText(int count)
{
    return TextFormat::badgeText(count);
}

QString FriendsController::lookupMessage(const QString &code)
{
    if (code == "directory.not_found")
        return tr("No user with this ID or number. Check it and try again.");
    if (code == "directory.rate_limited")
        return tr("Too many searches. Try again later.");
    if (code == "directory.bad_query")
        return tr("Enter an IMpTech ID or a mobile number.");
    return tr("Could not search. Check the connection and try again.");
}

void FriendsController::lookup(const QString &idOrPhone)
{
    QString query = idOrPhone.trimmed();
    m_lookupUser.reset();
    m_lookupError.clear();
    if (query.isEmpty()) {
        emit lookupChanged();
        return;
    }
    // Digits (with spaces, dashes or a +) are a phone number; anything else is an ID.
    static const QRegularExpression phoneLike(QStringLiteral(R"(^\+?[\d\s-]{5,}$)"));
    if (phoneLike.match(query).hasMatch()) {
        const auto check = account::PhoneNumbers::validateMobile(query, QStringLiteral("CN"));
        if (!check.ok) {
            m_lookupError = tr("This is not a valid mobile number.");
            emit lookupChanged();
            return;
        }
        query = check.e164;
    }
    if (!m_contactService) {
        m_lookupError = lookupMessage("xmpp.offline");
        emit lookupChanged();
        return;
    }
    m_lookupBusy = true;
    emit lookupChanged();
    m_contactService->lookup(query, guarded([this](Result<chat::DirectoryUser> user) {
                                 m_lookupBusy = false;
                                 if (user)
                                     m_lookupUser = *user;
                                 else
                                     m_lookupError =
                                         lookupMessage(QString::fromStdString(user.error().code));
                                 emit lookupChanged();
                             }));
}

void FriendsController::clearLookup()
{
    m_lookupUser.reset();
    m_lookupError.clear();
    m_lookupBusy = false;
    emit lookupChanged();
}

QVariantMap FriendsController::lookupResult() const
{
    if (!m_lookupUser)
        return {};
    QVariantMap map = contactInfo(m_lookupUser->jid);
    const QString name =
        m_lookupUser->nickname.isEmpty() ? m_lookupUser->imptechId : m_lookupUser->nickname;
    map.insert("name", name);
    map.insert("imptechId", m_lookupUser->imptechId);
    map.insert("initial", TextFormat::initial(name));
    auto *signup = SignupController::instance(engine());
    map.insert("isSelf", signup && signup->jid() == m_lookupUser->jid);
    return map;
}

QString FriendsController::defaultGreeting() const
{
    auto *signup = SignupController::instance(engine());
    const QString me = signup ? signup->nickname() : QString();
    return me.isEmpty() ? tr("Hi, let's be friends") : tr("Hi, I'm %1").arg(me);
}

void FriendsController::setRequestBusy(bool busy)
{
    if (m_requestBusy != busy) {
        m_requestBusy = busy;
        emit requestBusyChanged();
    }
}

void FriendsController::sendRequest(const QString &greeting)
{
    if (!m_contactService || !m_lookupUser || m_requestBusy)
        return;
    setRequestBusy(true);
    m_contactService->sendRequest(*m_lookupUser, greeting.trimmed(),
                                  guarded([this](Result<void> done) {
                                      setRequestBusy(false);
                                      if (!done) {
                                          emit notice(tr("Could not send the request. Try again."));
                                          return;
                                      }
                                      emit notice(tr("Request sent"));
                                      emit requestSent();
                                  }));
}

std::function<void(Result<void>)> FriendsController::reportFailure(const QString &message)
{
    return guarded([this, message](Result<void> done) {
        setRequestBusy(false);
        if (!done)
            emit notice(message);
    });
}

void FriendsController::accept(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->accept(jid, reportFailure(tr("Could not accept. Try again.")));
}

void FriendsController::decline(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->decline(jid, reportFailure(tr("Could not decline. Try again.")));
}

void FriendsController::removeFriend(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->removeFriend(jid, guarded([this, jid](Result<void> done) {
                                       setRequestBusy(false);
                                       if (!done)
                                           return emit notice(
                                               tr("Could not remove this friend. Try again."));
                                       emit friendRemoved(jid);
                                   }));
}

void FriendsController::block(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->block(jid, guarded([this](Result<void> done) {
                                setRequestBusy(false);
                                emit notice(done ? tr("Blocked. You will not get their messages.")
                                                 : tr("Could not block. Try again."));
                            }));
}

void FriendsController::unblock(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->unblock(jid, reportFailure(tr("Could not unblock. Try again.")));
}

void FriendsController::report(const QString &jid, int reason, const QString &text)
{
    reportWith(jid, reason, text, {});
}

void FriendsController::reportWith(const QString &jid, int reason, const QString &text,
                                   const QStringList &archiveIds)
{
    if (!m_contactService || jid.isEmpty())
        return;
    setRequestBusy(true);
    const auto why = reason == static_cast<int>(ReportReason::Abuse)
                         ? chat::ContactService::ReportReason::Abuse
                         : chat::ContactService::ReportReason::Spam;
    m_contactService->report(jid, why, text.trimmed(), archiveIds,
                             guarded([this](Result<void> done) {
                                 setRequestBusy(false);
                                 emit notice(done ? tr("Reported. Thank you.")
                                                  : tr("Could not send the report. Try again."));
                             }));
}

QVariantMap FriendsController::contactInfo(const QString &jid) const
{
    QVariantMap map{{"jid", jid}, {"colorIndex", TextFormat::colorIndex(jid)}};
    std::optional<chat::Contact> contact;
    if (m_contactService)
        contact = m_contactService->contact(jid);
    QString name;
    if (contact) {
        name = contact->displayName();
        map.insert("imptechId", contact->imptechId);
        map.insert("isFriend", contact->isFriend());
        map.insert("blocked", contact->blocked);
        map.insert("pending", contact->requestPending);
        map.insert("known", true);
    } else if (const auto request = m_requests.find(jid)) {
        name = !request->nickname.isEmpty()    ? request->nickname
               : !request->imptechId.isEmpty() ? request->imptechId
                                               : jid.section('@', 0, 0);
        map.insert("imptechId", request->imptechId);
        map.insert("isFriend", false);
        map.insert("blocked", false);
        map.insert("known", true);
    } else {
        if (m_titleOf)
            name = m_titleOf(jid);
        if (name.isEmpty())
            name = jid.section('@', 0, 0);
        map.insert("imptechId", QString());
        map.insert("isFriend", false);
        map.insert("blocked", false);
        map.insert("known", false);
    }
    map.insert("name", name);
    map.insert("initial", TextFormat::initial(name));
    return map;
}

} // namespace imp::app
