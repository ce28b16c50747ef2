#pragma once

#include "common/Result.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <optional>
#include <vector>

namespace imp::store {

class Database;

// One row of `contacts` (schema v4). tag = HMAC(indexKey, contact's bare JID), made by chat/;
// `sealed` holds the JID, name, IMpTech ID, avatar reference and the rest, sealed under
// sealedAssociatedData(tag). updatedTs (ms since the epoch) is plain residue.
struct ContactRow {
    QByteArray tag;
    QByteArray sealed;
    qint64 updatedTs = 0;
};

// Raw rows of the contact list. No crypto here (names are sealed, so sorting by name is the
// caller's job after opening).
// The Database must outlive the repository; use it on the Database's thread.
class ContactRepository {
public:
    explicit ContactRepository(Database &db)
        : m_sql(db)
    {}

    // "contacts/sealed/" + hex(tag). Empty for an empty tag.
    static QByteArray sealedAssociatedData(const QByteArray &tag);

    // Inserts, or replaces every column of the row with this tag.
    Result<void> upsert(const ContactRow &row);
    // std::nullopt when there is no such contact.
    Result<std::optional<ContactRow>> find(const QByteArray &tag);
    // Every contact, ordered by tag (a stable order that reveals nothing).
    Result<std::vector<ContactRow>> list();
    // Removing a contact that does not exist is not an error.
    Result<void> remove(const QByteArray &tag);

private:
    StatementCache m_sql;
};

} // namespace imp::store
