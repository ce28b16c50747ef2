#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace imp::chat {

class Profile;

// The chat store's keys, derived from the profile's vault: HMAC lookup tags (a peer's JID, a
// stanza id) and AES-256-GCM sealing of values. Tags are domain-separated ("conv:", "sid:"...)
// so equal strings in different roles never share a tag.
class Keyring {
public:
    Keyring(QByteArray indexKey, QByteArray sealKey);
    // The chat store's keyring of a profile: every chat service must use the same one, or
    // what one stores the other cannot find or open.
    static std::shared_ptr<Keyring> forChat(const Profile &profile);

    QByteArray tag(const char *domain, const QString &value) const;
    QByteArray conversationTag(const QString &peerBare) const { return tag("conv", peerBare); }
    QByteArray stanzaIdTag(const QString &stanzaId) const { return tag("sid", stanzaId); }
    QByteArray originIdTag(const QString &originId) const { return tag("oid", originId); }

    Result<QByteArray> seal(const QByteArray &plaintext, const QByteArray &associatedData) const;
    Result<QByteArray> open(const QByteArray &sealed, const QByteArray &associatedData) const;

private:
    QByteArray m_indexKey;
    QByteArray m_sealKey;
};

} // namespace imp::chat
