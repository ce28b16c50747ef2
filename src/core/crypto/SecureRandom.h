#pragma once

#include <QByteArray>
#include <QString>

namespace imp::crypto {

// Cryptographically secure randomness from OpenSSL's DRBG (seeded by the OS).
class SecureRandom {
public:
    // `count` random bytes; an empty array for count <= 0.
    static QByteArray bytes(int count);
    // A random (version 4) UUID without braces, e.g. "1b4e28ba-2fa1-41d2-883f-0016d3cca427".
    static QString uuid();
};

} // namespace imp::crypto
