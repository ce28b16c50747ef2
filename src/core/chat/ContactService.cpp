#include "chat/ContactService.h"

#include "chat/ContactRecords.h"
#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "common/Log.h"
#include "store/DatabaseWorker.h"
#include "xmpp/Blocking.h"
#include "xmpp/Namespaces.h"
#include "xmpp/Presence.h"
#include "xmpp/Roster.h"
#include "xmpp/StanzaChannel.h"

#include <QPointer>
#include <QRegularExpression>

namespace imp::chat {

namespace {

const QString DirectoryNs = QStringLiteral("urn:imptech:directory:0");

Contact::Subscription fromRoster(xmpp::RosterItem::Subscription s)
{
    switch (s) {
    case xmpp::RosterItem::Subscription::To:
        return Contact::Subscription::To;
    case xmpp::RosterItem::Subscription::From:
        return Contact::Subscription::From;
    case xmpp::RosterItem::Subscription::Both:
        return Contact::Subscription::Both;
    default:
        return Contact::Subscription::None;
    }
}

Error directoryError(const Error &e)
{
    if (e.code == "xmpp.iq.item-not-found")
        return makeError("directory.not_found", "no such user");
    if (e.code == "xmpp.iq.resource-constraint")
        return makeError("directory.rate_limited", "too many lookups");
    if (e.code == "xmpp.iq.bad-request")
        return makeError("directory.bad_query", "not an IMpTech ID or phone number");
    return e;
}

} // namespace

ContactService::ContactService(std::shared_ptr<Profile> profile, AccountService &account,
                               QObject *parent)
    : ContactService(
          std::move(profile), account.xmpp(), [&account] { return account.account(); }, parent)
{}

ContactService::ContactService(std::shared_ptr<Profile> profile, xmpp::StanzaChannel &channel,
                               std::function<AccountService::Account()> account, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_account(std::move(account))
    , m_client(&channel)
    , m_keys(Keyring::forChat(*m_profile))
{}

ContactService::~ContactService()
{
    // The XMPP client may outlive us (stop routing pushes here), or be gone already (the
    // app's account can be destroyed first): only a live client is touched.
    if (m_client) {
        m_client->setIqRequestHandler(xmpp::ns::Roster, {});
        m_client->setIqRequestHandler(xmpp::ns::Blocking, {});
    }
}

void ContactService::start()
{
    auto &client = *m_client;
    connect(&client, &xmpp::StanzaChannel::sessionStarted, this, &ContactService::onSessionStarted);
    connect(&client, &xmpp::StanzaChannel::stanzaReceived, this, &ContactService::onStanza);
    client.setIqRequestHandler(xmpp::ns::Roster,
                               [this](const xmpp::XmlElement &iq) { return onRosterPush(iq); });
    client.setIqRequestHandler(xmpp::ns::Blocking,
                               [this](const xmpp::XmlElement &iq) { return onBlockingPush(iq); });

    auto keys = m_keys;
    m_profile->worker()
        .run([keys](store::Database &db) { return contact_records::load(db, *keys); })
        .then(this, [this](Result<contact_records::Loaded> loaded) {
            if (!loaded) {
                IMP_LOG_ERROR("contacts: could not load ({})", loaded.error().code);
                return;
            }
            for (const auto &c : loaded->contacts) {
                m_contacts.insert(c.jid, c);
                emit titleChanged(c.jid, c.displayName());
            }
            for (const auto &r : loaded->requests)
                m_requests.insert(r.jid, r);
            emit contactsChanged();
            emit requestsChanged();
        });
}

QList<Contact> ContactService::contacts() const
{
    return m_contacts.values();
}

QList<FriendRequest> ContactService::requests() const
{
    QList<FriendRequest> list = m_requests.values();
    std::sort(list.begin(), list.end(),
              [](const FriendRequest &a, const FriendRequest &b) { return a.time > b.time; });
    return list;
}

int ContactService::pendingIncoming() const
{
    int n = 0;
    for (const auto &r : m_requests)
        n += (r.incoming && r.state == FriendRequest::State::Pending) ? 1 : 0;
    return n;
}

std::optional<Contact> ContactService::contact(const QString &jid) const
{
    const auto it = m_contacts.constFind(jid);
    if (it == m_contacts.constEnd())
        return std::nullopt;
    return *it;
}

// --- Storage ---------------------------------------------------------------------------------

void ContactService::storeContact(const Contact &c)
{
    m_contacts.insert(c.jid, c);
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, c](store::Database &db) { return contact_records::save(db, *keys, c); })
        .then(this, [](Result<void> stored) {
            if (!stored)
                IMP_LOG_ERROR("contacts: could not store ({})", stored.error().code);
        });
    emit contactsChanged();
    emit titleChanged(c.jid, c.displayName());
}

void ContactService::forgetContact(const QString &jid)
{
    if (!m_contacts.remove(jid))
        return;
    auto keys = m_keys;
    m_profile->worker().run([keys, jid](store::Database &db) {
        return contact_records::forgetContact(db, *keys, jid);
    });
    emit contactsChanged();
}

void ContactService::storeRequest(const FriendRequest &r)
{
    m_requests.insert(r.jid, r);
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, r](store::Database &db) { return contact_records::save(db, *keys, r); })
        .then(this, [](Result<void> stored) {
            if (!stored)
                IMP_LOG_ERROR("requests: could not store ({})", stored.error().code);
        });
    emit requestsChanged();
}

void ContactService::setRequestState(const QString &jid, FriendRequest::State state)
{
    auto it = m_requests.find(jid);
    if (it == m_requests.end() || it->state == state)
        return;
    FriendRequest r = *it;
    r.state = state;
    storeRequest(r);
}

// --- Session ---------------------------------------------------------------------------------

void ContactService::onSessionStarted(bool resumed)
{
    if (resumed)
        return; // the server kept our presence and roster state
    m_client->sendIq(xmpp::Roster::getIq(), this, [this](Result<xmpp::XmlElement> reply) {
        if (!reply) {
            IMP_LOG_WARN("roster: not loaded ({})", reply.error().code);
            return;
        }
        const auto items = xmpp::Roster::items(reply.value());
        if (!items)
            return;
        QSet<QString> present;
        for (const auto &item : *items) {
            applyRosterItem(item);
            present.insert(item.jid.bare().toString());
        }
        // Removed elsewhere while we were away.
        const auto known = m_contacts.keys();
        for (const auto &jid : known) {
            if (!present.contains(jid) && !m_contacts.value(jid).blocked)
                forgetContact(jid);
        }
        // Initial presence is sent by the MessageService at session start, before its history
        // catch-up (see there); pending requests arrive with it.
    });
    m_client->sendIq(xmpp::Blocking::listIq(), this, [this](Result<xmpp::XmlElement> reply) {
        if (!reply)
            return;
        const auto jids = xmpp::Blocking::listFromResult(reply.value());
        if (!jids)
            return;
        QSet<QString> blocked;
        for (const auto &j : *jids)
            blocked.insert(j.bare().toString());
        for (auto c : m_contacts) {
            if (c.blocked != blocked.contains(c.jid)) {
                c.blocked = blocked.contains(c.jid);
                storeContact(c);
            }
        }
        for (const auto &jid : blocked) {
            if (!m_contacts.contains(jid)) {
                Contact c;
                c.jid = jid;
                c.blocked = true;
                storeContact(c);
            }
        }
    });
}

void ContactService::applyRosterItem(const xmpp::RosterItem &item)
{
    const QString jid = item.jid.bare().toString();
    if (item.subscription == xmpp::RosterItem::Subscription::Remove) {
        forgetContact(jid);
        return;
    }
    Contact c = m_contacts.value(jid);
    c.jid = jid;
    if (!item.name.isEmpty() && c.nickname.isEmpty())
        c.nickname = item.name;
    c.subscription = fromRoster(item.subscription);
    c.requestPending = item.askSubscribe;
    storeContact(c);
    if (c.imptechId.isEmpty() && c.isFriend())
        completeProfile(jid);
    if (c.isFriend()) {
        const auto it = m_requests.constFind(jid);
        if (it != m_requests.constEnd() && it->state == FriendRequest::State::Pending)
            setRequestState(jid, FriendRequest::State::Accepted);
    }
}

xmpp::XmlElement ContactService::onRosterPush(const xmpp::XmlElement &iq)
{
    // Pushes come only from our own account (RFC 6121 §2.1.6).
    const QString from = iq.attribute(QStringLiteral("from"));
    if (!from.isEmpty() && xmpp::Jid(from).bare() != xmpp::Jid(m_account().jid).bare())
        return {};
    if (const auto items = xmpp::Roster::items(iq)) {
        for (const auto &item : *items)
            applyRosterItem(item);
    }
    return {};
}

xmpp::XmlElement ContactService::onBlockingPush(const xmpp::XmlElement &iq)
{
    const QString from = iq.attribute(QStringLiteral("from"));
    if (!from.isEmpty() && xmpp::Jid(from).bare() != xmpp::Jid(m_account().jid).bare())
        return {};
    const auto push = xmpp::Blocking::pushFromIq(iq);
    if (!push)
        return {};
    if (push->all && !push->blocked) {
        for (auto c : m_contacts) {
            if (c.blocked) {
                c.blocked = false;
                storeContact(c);
            }
        }
        return {};
    }
    for (const auto &j : push->jids) {
        Contact c = m_contacts.value(j.bare().toString());
        c.jid = j.bare().toString();
        c.blocked = push->blocked;
        storeContact(c);
    }
    return {};
}

void ContactService::onStanza(const xmpp::XmlElement &stanza)
{
    if (stanza.name() != QLatin1String("presence"))
        return;
    const auto presence = xmpp::Presence::fromStanza(stanza);
    if (!presence || presence->from.isEmpty())
        return;
    const QString jid = presence->from.bare().toString();
    if (jid == xmpp::Jid(m_account().jid).bare().toString())
        return;
    auto &client = *m_client;
    switch (presence->type) {
    case xmpp::Presence::Type::Subscribe: {
        const Contact c = m_contacts.value(jid);
        if (c.blocked)
            return;
        if (c.requestPending || c.subscription == Contact::Subscription::To ||
            c.subscription == Contact::Subscription::Both) {
            // We asked them first: their request is the answer to ours.
            client.send(xmpp::Presence::subscribed(presence->from.bare()));
            return;
        }
        FriendRequest r = m_requests.value(jid);
        r.jid = jid;
        r.incoming = true;
        r.state = FriendRequest::State::Pending;
        r.greeting = presence->status.left(1000);
        if (!presence->nickname.isEmpty())
            r.nickname = presence->nickname.left(64);
        r.time = QDateTime::currentDateTimeUtc();
        storeRequest(r);
        emit requestReceived(r);
        if (r.imptechId.isEmpty())
            completeProfile(jid);
        return;
    }
    case xmpp::Presence::Type::Unsubscribed: {
        const auto it = m_requests.constFind(jid);
        if (it != m_requests.constEnd() && !it->incoming)
            setRequestState(jid, FriendRequest::State::Declined);
        return;
    }
    default:
        return;
    }
}

// --- Actions ---------------------------------------------------------------------------------

void ContactService::lookup(const QString &idOrPhone,
                            std::function<void(Result<DirectoryUser>)> done)
{
    const QString query = idOrPhone.trimmed();
    static const QRegularExpression phone(QStringLiteral("^\\+[1-9][0-9]{6,14}$"));
    if (query.isEmpty())
        return done(makeError("directory.bad_query", "empty query"));
    directoryLookup(phone.match(query).hasMatch() ? QStringLiteral("phone")
                                                  : QStringLiteral("imptech-id"),
                    query, std::move(done));
}

void ContactService::directoryLookup(const QString &by, const QString &value,
                                     std::function<void(Result<DirectoryUser>)> done)
{
    xmpp::XmlElement lookup(QStringLiteral("lookup"), DirectoryNs);
    lookup.setAttribute(by, value);
    xmpp::XmlElement iq(QStringLiteral("iq"), xmpp::ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
    iq.setAttribute(QStringLiteral("to"), m_account().domain);
    iq.addChild(lookup);
    m_client->sendIq(iq, this, [done = std::move(done)](Result<xmpp::XmlElement> reply) {
        if (!reply)
            return done(directoryError(reply.error()));
        const auto user = reply->firstChild(QStringLiteral("user"), DirectoryNs);
        const xmpp::Jid jid(user.attribute(QStringLiteral("jid")));
        if (user.isNull() || jid.isEmpty() || !jid.isBare())
            return done(makeError("directory.not_found", "malformed answer"));
        done(DirectoryUser{jid.toString(), user.attribute(QStringLiteral("imptech-id")),
                           user.attribute(QStringLiteral("nickname")).left(64)});
    });
}

void ContactService::completeProfile(const QString &jid)
{
    // Someone who asked us, or a friend this device learnt from the roster, comes with a JID
    // and at most a nickname: the directory tells us their IMpTech ID (it answers only for
    // people we know).
    if (m_profileLookups.contains(jid))
        return;
    m_profileLookups.insert(jid);
    directoryLookup(QStringLiteral("jid"), jid, [this, jid](Result<DirectoryUser> user) {
        m_profileLookups.remove(jid);
        if (!user || user->jid != jid || user->imptechId.isEmpty())
            return;
        if (auto r = m_requests.constFind(jid);
            r != m_requests.constEnd() && r->imptechId != user->imptechId) {
            FriendRequest changed = *r;
            changed.imptechId = user->imptechId;
            if (changed.nickname.isEmpty())
                changed.nickname = user->nickname;
            storeRequest(changed);
        }
        if (auto c = m_contacts.constFind(jid);
            c != m_contacts.constEnd() && c->imptechId != user->imptechId) {
            Contact changed = *c;
            changed.imptechId = user->imptechId;
            if (changed.nickname.isEmpty())
                changed.nickname = user->nickname;
            storeContact(changed); // the conversation's title follows
        }
    });
}

void ContactService::sendRequest(const DirectoryUser &user, const QString &greeting,
                                 std::function<void(Result<void>)> done)
{
    const xmpp::Jid jid(user.jid);
    if (jid.isEmpty() || jid.bare() == xmpp::Jid(m_account().jid).bare())
        return done(makeError("contacts.self", "cannot add yourself"));
    xmpp::RosterItem item;
    item.jid = jid.bare();
    item.name = user.nickname;
    m_client->sendIq(
        xmpp::Roster::setIq(item), this,
        [this, user, jid, greeting, done = std::move(done)](Result<xmpp::XmlElement> reply) {
            if (!reply)
                return done(reply.error());
            m_client->send(
                xmpp::Presence::subscribe(jid.bare(), greeting.left(1000), m_account().nickname));
            Contact c = m_contacts.value(user.jid);
            c.jid = jid.bare().toString();
            c.nickname = user.nickname;
            c.imptechId = user.imptechId;
            c.requestPending = true;
            storeContact(c);
            FriendRequest r;
            r.jid = c.jid;
            r.nickname = user.nickname;
            r.imptechId = user.imptechId;
            r.greeting = greeting.left(1000);
            r.time = QDateTime::currentDateTimeUtc();
            r.incoming = false;
            storeRequest(r);
            done({});
        });
}

void ContactService::accept(const QString &jidText, std::function<void(Result<void>)> done)
{
    const xmpp::Jid jid = xmpp::Jid(jidText).bare();
    if (jid.isEmpty())
        return done(makeError("contacts.bad_jid", "not a JID"));
    auto &client = *m_client;
    if (client.state() != xmpp::StanzaChannel::State::Online)
        return done(makeError("xmpp.not_connected", "not online"));
    const FriendRequest r = m_requests.value(jid.toString());
    xmpp::RosterItem item;
    item.jid = jid;
    item.name = r.nickname;
    m_client->sendIq(xmpp::Roster::setIq(item), this,
                     [this, jid, r, done = std::move(done)](Result<xmpp::XmlElement> reply) {
                         if (!reply)
                             return done(reply.error());
                         auto &c = *m_client;
                         c.send(xmpp::Presence::subscribed(jid));
                         const Contact known = m_contacts.value(jid.toString());
                         if (known.subscription != Contact::Subscription::To &&
                             known.subscription != Contact::Subscription::Both)
                             c.send(
                                 xmpp::Presence::subscribe(jid, QString(), m_account().nickname));
                         Contact contact = known;
                         contact.jid = jid.toString();
                         if (contact.nickname.isEmpty())
                             contact.nickname = r.nickname;
                         if (contact.imptechId.isEmpty())
                             contact.imptechId = r.imptechId;
                         storeContact(contact);
                         if (m_requests.contains(jid.toString()))
                             setRequestState(jid.toString(), FriendRequest::State::Accepted);
                         done({});
                     });
}

void ContactService::decline(const QString &jidText, std::function<void(Result<void>)> done)
{
    const xmpp::Jid jid = xmpp::Jid(jidText).bare();
    if (!m_client->send(xmpp::Presence::unsubscribed(jid)))
        return done(makeError("xmpp.not_connected", "not online"));
    setRequestState(jid.toString(), FriendRequest::State::Declined);
    done({});
}

void ContactService::removeFriend(const QString &jidText, std::function<void(Result<void>)> done)
{
    const xmpp::Jid jid = xmpp::Jid(jidText).bare();
    m_client->sendIq(xmpp::Roster::removeIq(jid), this,
                     [this, jid, done = std::move(done)](Result<xmpp::XmlElement> reply) {
                         if (!reply)
                             return done(reply.error());
                         forgetContact(jid.toString());
                         done({});
                     });
}

void ContactService::block(const QString &jidText, std::function<void(Result<void>)> done)
{
    const xmpp::Jid jid = xmpp::Jid(jidText).bare();
    changeBlocking(jid, xmpp::Blocking::blockIq({jid}), true, std::move(done));
}

void ContactService::unblock(const QString &jidText, std::function<void(Result<void>)> done)
{
    const xmpp::Jid jid = xmpp::Jid(jidText).bare();
    changeBlocking(jid, xmpp::Blocking::unblockIq({jid}), false, std::move(done));
}

void ContactService::report(const QString &jidText, ReportReason reason, const QString &text,
                            const QStringList &archiveIds, std::function<void(Result<void>)> done)
{
    // A report also blocks (XEP-0377 rides on the XEP-0191 block request). Reported messages
    // are named by their id in our own archive, which the server can look up.
    const xmpp::Jid jid = xmpp::Jid(jidText).bare();
    const auto why =
        reason == ReportReason::Spam ? xmpp::Blocking::Reason::Spam : xmpp::Blocking::Reason::Abuse;
    changeBlocking(jid,
                   xmpp::Blocking::reportIq(jid, why, text.left(1000), archiveIds,
                                            xmpp::Jid(m_account().jid).bare()),
                   true, std::move(done));
}

void ContactService::changeBlocking(const xmpp::Jid &jid, const xmpp::XmlElement &iq, bool blocked,
                                    std::function<void(Result<void>)> done)
{
    m_client->sendIq(iq, this,
                     [this, jid, blocked, done = std::move(done)](Result<xmpp::XmlElement> reply) {
                         if (!reply)
                             return done(reply.error());
                         Contact c = m_contacts.value(jid.toString());
                         c.jid = jid.toString();
                         c.blocked = blocked;
                         storeContact(c);
                         done({});
                     });
}

} // namespace imp::chat
