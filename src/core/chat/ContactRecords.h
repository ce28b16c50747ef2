#pragma once

#include "chat/Contact.h"
#include "common/Result.h"

#include <QList>

namespace imp::store {
class Database;
} // namespace imp::store

namespace imp::chat {

class Keyring;

// The sealed rows behind ContactService's lists (the `contacts` and `requests` tables): what
// goes inside each seal, kept apart from the protocol logic. Database-thread code: run it on
// the profile's worker.
namespace contact_records {

struct Loaded {
    QList<Contact> contacts;
    QList<FriendRequest> requests;
};

// Rows that do not open (another profile's, damaged) are skipped rather than failing the load.
Result<Loaded> load(store::Database &db, const Keyring &keys);
Result<void> save(store::Database &db, const Keyring &keys, const Contact &contact);
Result<void> save(store::Database &db, const Keyring &keys, const FriendRequest &request);
Result<void> forgetContact(store::Database &db, const Keyring &keys, const QString &jid);

} // namespace contact_records
} // namespace imp::chat
