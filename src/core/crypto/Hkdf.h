#pragma once

#include <QByteArray>

namespace imp::crypto {

// HKDF (RFC 5869) with SHA-256: turns one strong key into independent keys per purpose.
class Hkdf {
public:
    // `length` must be 1..8160 (255 * 32); otherwise, or if OpenSSL fails, the result is empty.
    // An empty result is never a valid key, so a caller that forgets to check fails closed
    // (Aead rejects it with crypto.bad_key).
    static QByteArray deriveSha256(const QByteArray &inputKey, const QByteArray &salt,
                                   const QByteArray &info, int length);
};

} // namespace imp::crypto
