#include "crypto/Hmac.h"

#include "crypto/ThreadKeyedContext.h"

#include <QtGlobal>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace imp::crypto {
namespace {

// Fetched once: fetching by name takes OpenSSL's global locks.
EVP_MAC *hmacAlgorithm()
{
    static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

thread_local detail::ThreadKeyedContext<EVP_MAC_CTX, &EVP_MAC_CTX_free> t_hmac;

// A context keyed for `key`, ready for data; nullptr if OpenSSL fails.
EVP_MAC_CTX *keyedContext(const QByteArray &key)
{
    if (EVP_MAC_CTX *ctx = t_hmac.forKey(key)) {
        // No key: start over with the key already set (HMAC keeps its keyed state).
        if (EVP_MAC_init(ctx, nullptr, 0, nullptr) == 1)
            return ctx;
        t_hmac.forget();
        return nullptr;
    }
    EVP_MAC *mac = hmacAlgorithm();
    EVP_MAC_CTX *ctx = mac != nullptr ? EVP_MAC_CTX_new(mac) : nullptr;
    if (ctx == nullptr)
        return nullptr;
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(ctx, reinterpret_cast<const unsigned char *>(key.constData()),
                     static_cast<size_t>(key.size()), params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return nullptr;
    }
    t_hmac.keep(ctx, key);
    return ctx;
}

} // namespace

QByteArray Hmac::sha256(const QByteArray &key, const QByteArray &data)
{
    // HMAC zero-pads the key to the block size, so an empty key and a single zero byte give
    // the same MAC; the latter avoids OpenSSL rejecting a zero-length key.
    const QByteArray effectiveKey = key.isEmpty() ? QByteArray(1, '\0') : key;
    QByteArray out(Size, Qt::Uninitialized);
    size_t outLen = 0;
    EVP_MAC_CTX *ctx = keyedContext(effectiveKey);
    const bool ok = ctx != nullptr &&
                    EVP_MAC_update(ctx, reinterpret_cast<const unsigned char *>(data.constData()),
                                   static_cast<size_t>(data.size())) == 1 &&
                    EVP_MAC_final(ctx, reinterpret_cast<unsigned char *>(out.data()), &outLen,
                                  static_cast<size_t>(out.size())) == 1;
    // With valid arguments this only fails if OpenSSL itself is broken; a silent empty tag
    // would make every lookup collide, so stop instead.
    if (!ok || outLen != static_cast<size_t>(Size))
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
