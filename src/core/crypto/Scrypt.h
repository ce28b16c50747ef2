#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace imp::crypto {

// Scrypt::Params. Declared outside the class only because C++ does not allow a nested struct's
// default member initialisers to be used in a default argument of the enclosing class.
struct ScryptParams {
    quint64 n = 1u << 15; // CPU/memory cost: 2^15 * 8 * 128 B = 32 MiB, 0.1-0.3 s per derivation
    quint64 r = 8;
    quint64 p = 1;
};

// scrypt (RFC 7914): a deliberately slow, memory-hard KDF that turns a user passcode into a
// key, so a copied vault file cannot be brute-forced cheaply.
class Scrypt {
public:
    using Params = ScryptParams;

    // The passcode is NFC-normalised and UTF-8 encoded first, so the same passcode typed
    // through different input methods derives the same key.
    // Errors: "crypto.bad_params" (n not a power of two > 1, r or p zero, length <= 0),
    // "crypto.internal" (OpenSSL refused, e.g. not enough memory).
    static Result<QByteArray> derive(const QString &passcode, const QByteArray &salt, int length,
                                     Params params = {});
};

} // namespace imp::crypto
