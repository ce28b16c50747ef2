#include "crypto/Hmac.h"

#include <QtGlobal>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace imp::crypto {

QByteArray Hmac::sha256(const QByteArray &key, const QByteArray &data)
{
    // HMAC zero-pads the key to the block size, so an empty key and a single zero byte give
    // the same MAC; the latter avoids OpenSSL rejecting a zero-length key.
    const QByteArray effectiveKey = key.isEmpty() ? QByteArray(1, '\0') : key;
    QByteArray out(Size, Qt::Uninitialized);
    size_t outLen = 0;
    const unsigned char *mac = EVP_Q_mac(
        nullptr, "HMAC", nullptr, "SHA256", nullptr, effectiveKey.constData(),
        static_cast<size_t>(effectiveKey.size()),
        reinterpret_cast<const unsigned char *>(data.constData()), static_cast<size_t>(data.size()),
        reinterpret_cast<unsigned char *>(out.data()), static_cast<size_t>(out.size()), &outLen);
    // With valid arguments this only fails if OpenSSL itself is broken; a silent empty tag
    // would make every lookup collide, so stop instead.
    if (!mac || outLen != static_cast<size_t>(Size))
        qFatal("imp::crypto: HMAC-SHA256 failed inside OpenSSL");
    return out;
}

bool Hmac::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace imp::crypto
