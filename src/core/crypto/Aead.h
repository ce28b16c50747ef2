#pragma once

#include "common/Result.h"

#include <QByteArray>

namespace imp::crypto {

// AES-256-GCM authenticated encryption (OpenSSL EVP).
//
// Sealed format: version (1 byte, 0x01) || nonce (12 random bytes) || ciphertext || tag (16).
// The associated data is authenticated but not stored: callers bind a value to where it lives
// (table, column, row) so a sealed value copied elsewhere fails to open.
//
// Errors: "crypto.bad_key" (key is not KeySize bytes), "crypto.bad_format" (too short or
// unknown version), "crypto.auth_failed" (wrong key, wrong associated data or altered bytes).
class Aead {
public:
    static constexpr int KeySize = 32;
    static constexpr int NonceSize = 12;
    static constexpr int TagSize = 16;
    static constexpr char Version = 0x01;
    // Bytes a sealed value carries on top of its plaintext.
    static constexpr int Overhead = 1 + NonceSize + TagSize;

    static Result<QByteArray> seal(const QByteArray &key, const QByteArray &plaintext,
                                   const QByteArray &associatedData);
    static Result<QByteArray> open(const QByteArray &key, const QByteArray &sealed,
                                   const QByteArray &associatedData);
};

} // namespace imp::crypto
