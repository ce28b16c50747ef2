#include "crypto/Aead.h"

#include "crypto/SecureRandom.h"
#include "crypto/ThreadKeyedContext.h"

#include <algorithm>
#include <openssl/evp.h>

namespace imp::crypto {
namespace {

const unsigned char *bytesOf(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytesOf(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

// Fetched once: fetching by name takes OpenSSL's global locks.
EVP_CIPHER *gcmCipher()
{
    static EVP_CIPHER *const cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    return cipher;
}

using ThreadCipher = detail::ThreadKeyedContext<EVP_CIPHER_CTX, &EVP_CIPHER_CTX_free>;
thread_local ThreadCipher t_sealer;
thread_local ThreadCipher t_opener;

// A context of this thread with `key` expanded, for sealing (encrypt) or opening; the caller
// sets the nonce, which starts a new message. nullptr if OpenSSL fails.
EVP_CIPHER_CTX *keyedCipher(ThreadCipher &cache, const QByteArray &key, bool encrypt)
{
    if (EVP_CIPHER_CTX *ctx = cache.forKey(key))
        return ctx;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    EVP_CIPHER *cipher = gcmCipher();
    const int enc = encrypt ? 1 : 0;
    if (ctx == nullptr || cipher == nullptr ||
        EVP_CipherInit_ex(ctx, cipher, nullptr, nullptr, nullptr, enc) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Aead::NonceSize, nullptr) != 1 ||
        EVP_CipherInit_ex(ctx, nullptr, nullptr, bytesOf(key), nullptr, enc) != 1) {
        EVP_CIPHER_CTX_free(ctx);
        return nullptr;
    }
    cache.keep(ctx, key);
    return ctx;
}

Error internalError(const char *step)
{
    return makeError("crypto.internal", std::string("AES-GCM step failed: ") + step);
}

} // namespace

Result<QByteArray> Aead::seal(const QByteArray &key, const QByteArray &plaintext,
                              const QByteArray &associatedData)
{
    if (key.size() != KeySize)
        return makeError("crypto.bad_key", "AES-256-GCM needs a 32-byte key");

    // A random 96-bit nonce per message: with one key sealing far fewer than 2^32 values the
    // chance of a repeat (which would break GCM) stays negligible.
    const QByteArray nonce = SecureRandom::bytes(NonceSize);

    QByteArray out(1 + NonceSize + plaintext.size() + TagSize, Qt::Uninitialized);
    out[0] = Version;
    std::copy(nonce.cbegin(), nonce.cend(), out.begin() + 1);
    unsigned char *cipherText = bytesOf(out) + 1 + NonceSize;

    EVP_CIPHER_CTX *ctx = keyedCipher(t_sealer, key, true);
    if (ctx == nullptr)
        return internalError("init");
    // Any failure leaves the context in an unknown state: the next call makes a new one.
    auto failed = [](const char *step) {
        t_sealer.forget();
        return internalError(step);
    };
    int len = 0;
    if (EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, bytesOf(nonce)) != 1)
        return failed("nonce");
    if (!associatedData.isEmpty() &&
        EVP_EncryptUpdate(ctx, nullptr, &len, bytesOf(associatedData),
                          static_cast<int>(associatedData.size())) != 1)
        return failed("associated data");
    int written = 0;
    if (!plaintext.isEmpty()) {
        if (EVP_EncryptUpdate(ctx, cipherText, &len, bytesOf(plaintext),
                              static_cast<int>(plaintext.size())) != 1)
            return failed("encrypt");
        written = len;
    }
    if (EVP_EncryptFinal_ex(ctx, cipherText + written, &len) != 1)
        return failed("final");
    written += len;
    if (written != plaintext.size())
        return failed("length");
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TagSize, cipherText + written) != 1)
        return failed("tag");
    return out;
}

Result<QByteArray> Aead::open(const QByteArray &key, const QByteArray &sealed,
                              const QByteArray &associatedData)
{
    if (key.size() != KeySize)
        return makeError("crypto.bad_key", "AES-256-GCM needs a 32-byte key");
    if (sealed.size() < Overhead)
        return makeError("crypto.bad_format", "sealed value is shorter than its header and tag");
    if (sealed[0] != Version)
        return makeError("crypto.bad_format", "unknown sealed value version");

    const auto *nonce = bytesOf(sealed) + 1;
    const auto *cipherText = nonce + NonceSize;
    const int cipherSize = static_cast<int>(sealed.size()) - Overhead;
    // EVP_CIPHER_CTX_ctrl takes a non-const tag buffer, so copy it out.
    QByteArray tag = sealed.right(TagSize);

    QByteArray plain(cipherSize, Qt::Uninitialized);
    EVP_CIPHER_CTX *ctx = keyedCipher(t_opener, key, false);
    if (ctx == nullptr)
        return internalError("init");
    auto failed = [](const char *step) {
        t_opener.forget();
        return internalError(step);
    };
    int len = 0;
    if (EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce) != 1)
        return failed("nonce");
    if (!associatedData.isEmpty() &&
        EVP_DecryptUpdate(ctx, nullptr, &len, bytesOf(associatedData),
                          static_cast<int>(associatedData.size())) != 1)
        return failed("associated data");
    int written = 0;
    if (cipherSize > 0) {
        if (EVP_DecryptUpdate(ctx, bytesOf(plain), &len, cipherText, cipherSize) != 1)
            return failed("decrypt");
        written = len;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TagSize, tag.data()) != 1)
        return failed("tag");
    // Final verifies the tag; on mismatch the plaintext must not be released.
    if (EVP_DecryptFinal_ex(ctx, bytesOf(plain) + written, &len) != 1) {
        plain.fill('\0');
        t_opener.forget();
        return makeError("crypto.auth_failed", "authentication tag mismatch");
    }
    return plain;
}

} // namespace imp::crypto
