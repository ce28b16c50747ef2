#include "crypto/Aead.h"

#include "crypto/SecureRandom.h"

#include <algorithm>
#include <memory>
#include <openssl/evp.h>

namespace imp::crypto {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx newCtx()
{
    return CipherCtx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
}

const unsigned char *bytesOf(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytesOf(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
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

    CipherCtx ctx = newCtx();
    int len = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1)
        return internalError("init");
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytesOf(key), bytesOf(nonce)) != 1)
        return internalError("key/nonce");
    if (!associatedData.isEmpty() &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytesOf(associatedData),
                          static_cast<int>(associatedData.size())) != 1)
        return internalError("associated data");
    int written = 0;
    if (!plaintext.isEmpty()) {
        if (EVP_EncryptUpdate(ctx.get(), cipherText, &len, bytesOf(plaintext),
                              static_cast<int>(plaintext.size())) != 1)
            return internalError("encrypt");
        written = len;
    }
    if (EVP_EncryptFinal_ex(ctx.get(), cipherText + written, &len) != 1)
        return internalError("final");
    written += len;
    if (written != plaintext.size())
        return internalError("length");
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagSize, cipherText + written) != 1)
        return internalError("tag");
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
    CipherCtx ctx = newCtx();
    int len = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1)
        return internalError("init");
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytesOf(key), nonce) != 1)
        return internalError("key/nonce");
    if (!associatedData.isEmpty() &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytesOf(associatedData),
                          static_cast<int>(associatedData.size())) != 1)
        return internalError("associated data");
    int written = 0;
    if (cipherSize > 0) {
        if (EVP_DecryptUpdate(ctx.get(), bytesOf(plain), &len, cipherText, cipherSize) != 1)
            return internalError("decrypt");
        written = len;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagSize, tag.data()) != 1)
        return internalError("tag");
    // Final verifies the tag; on mismatch the plaintext must not be released.
    if (EVP_DecryptFinal_ex(ctx.get(), bytesOf(plain) + written, &len) != 1) {
        plain.fill('\0');
        return makeError("crypto.auth_failed", "authentication tag mismatch");
    }
    return plain;
}

} // namespace imp::crypto
