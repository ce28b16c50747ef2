#include "chat/Keyring.h"

#include "chat/Profile.h"
#include "crypto/Aead.h"
#include "crypto/Hmac.h"

namespace imp::chat {

Keyring::Keyring(QByteArray indexKey, QByteArray sealKey)
    : m_indexKey(std::move(indexKey))
    , m_sealKey(std::move(sealKey))
{}

std::shared_ptr<Keyring> Keyring::forChat(const Profile &profile)
{
    return std::make_shared<Keyring>(profile.subKey("imp.chat.index.v1"),
                                     profile.subKey("imp.chat.seal.v1"));
}

QByteArray Keyring::tag(const char *domain, const QString &value) const
{
    return crypto::Hmac::sha256(m_indexKey, QByteArray(domain) + ':' + value.toUtf8());
}

Result<QByteArray> Keyring::seal(const QByteArray &plaintext,
                                 const QByteArray &associatedData) const
{
    return crypto::Aead::seal(m_sealKey, plaintext, associatedData);
}

Result<QByteArray> Keyring::open(const QByteArray &sealed, const QByteArray &associatedData) const
{
    return crypto::Aead::open(m_sealKey, sealed, associatedData);
}

} // namespace imp::chat
