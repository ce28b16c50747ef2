#pragma once

#include <QByteArray>

namespace imp::crypto {

// HMAC-SHA-256, used for lookup tags (a searchable value stored as a keyed hash beside its
// sealed form) and for comparing secrets without leaking where they differ.
class Hmac {
public:
    static constexpr int Size = 32;

    static QByteArray sha256(const QByteArray &key, const QByteArray &data);
    // Time depends only on the length, never on where the contents differ. Different lengths
    // compare unequal (lengths are not secret for tags and codes).
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};

} // namespace imp::crypto
