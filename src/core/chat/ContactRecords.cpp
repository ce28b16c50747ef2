#include "chat/ContactRecords.h"

#include "chat/Keyring.h"
#include "store/ContactRepository.h"
#include "store/Database.h"
#include "store/RequestRepository.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace imp::chat::contact_records {

namespace {

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

Result<Loaded> load(store::Database &db, const Keyring &keys)
{
    Loaded loaded;
    auto contacts = store::ContactRepository(db).list();
    if (!contacts)
        return contacts.error();
    for (const auto &row : contacts.value()) {
        auto opened =
            keys.open(row.sealed, store::ContactRepository::sealedAssociatedData(row.tag));
        if (!opened)
            continue;
        const QJsonObject o = QJsonDocument::fromJson(opened.value()).object();
        Contact c;
        c.jid = o.value("j").toString();
        c.nickname = o.value("n").toString();
        c.imptechId = o.value("i").toString();
        c.subscription = static_cast<Contact::Subscription>(o.value("s").toInt());
        c.requestPending = o.value("a").toBool();
        c.blocked = o.value("b").toBool();
        loaded.contacts.append(c);
    }
    auto requests = store::RequestRepository(db).list();
    if (!requests)
        return requests.error();
    for (const auto &row : requests.value()) {
        auto opened =
            keys.open(row.sealed, store::RequestRepository::sealedAssociatedData(row.tag));
        if (!opened)
            continue;
        const QJsonObject o = QJsonDocument::fromJson(opened.value()).object();
        FriendRequest r;
        r.jid = o.value("j").toString();
        r.nickname = o.value("n").toString();
        r.imptechId = o.value("i").toString();
        r.greeting = o.value("g").toString();
        r.time = QDateTime::fromMSecsSinceEpoch(row.ts, Qt::UTC);
        r.incoming = row.incoming;
        r.state = static_cast<FriendRequest::State>(row.state);
        loaded.requests.append(r);
    }
    return loaded;
}

Result<void> save(store::Database &db, const Keyring &keys, const Contact &c)
{
    store::ContactRow row;
    row.tag = keys.tag("contact", c.jid);
    row.updatedTs = QDateTime::currentMSecsSinceEpoch();
    auto sealed = keys.seal(toJson({{"j", c.jid},
                                    {"n", c.nickname},
                                    {"i", c.imptechId},
                                    {"s", static_cast<int>(c.subscription)},
                                    {"a", c.requestPending},
                                    {"b", c.blocked}}),
                            store::ContactRepository::sealedAssociatedData(row.tag));
    if (!sealed)
        return sealed.error();
    row.sealed = sealed.value();
    return store::ContactRepository(db).upsert(row);
}

Result<void> save(store::Database &db, const Keyring &keys, const FriendRequest &r)
{
    store::RequestRow row;
    row.tag = keys.tag("request", r.jid);
    row.ts = r.time.toMSecsSinceEpoch();
    row.incoming = r.incoming;
    row.state = static_cast<qint64>(r.state);
    auto sealed =
        keys.seal(toJson({{"j", r.jid}, {"n", r.nickname}, {"i", r.imptechId}, {"g", r.greeting}}),
                  store::RequestRepository::sealedAssociatedData(row.tag));
    if (!sealed)
        return sealed.error();
    row.sealed = sealed.value();
    return store::RequestRepository(db).upsert(row);
}

Result<void> forgetContact(store::Database &db, const Keyring &keys, const QString &jid)
{
    return store::ContactRepository(db).remove(keys.tag("contact", jid));
}

} // namespace imp::chat::contact_records
