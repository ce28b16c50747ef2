#include "crypto/SealedFileCipher.h"

#include "crypto/SealedFileFormat.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace imp::crypto::detail {
namespace {

using Format = SealedFileFormat;

const unsigned char *bytesOf(const char *data)
{
    return reinterpret_cast<const unsigned char *>(data);
}

// Fetched once: fetching by name takes OpenSSL's global locks.
EVP_CIPHER *gcmCipher()
{
    static EVP_CIPHER *const cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    return cipher;
}

void cleanse(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

} // namespace

SealedFileCipher::SealedFileCipher(Direction direction)
    : m_direction(direction)
{}

SealedFileCipher::~SealedFileCipher()
{
    clear();
}

bool SealedFileCipher::setKey(const QByteArray &fileKey)
{
    clear();
    if (fileKey.size() != Format::KeySize)
        return false;
    m_key = QByteArray(fileKey.constData(), fileKey.size()); // a copy of its own, never shared
    return ready();
}

void SealedFileCipher::clear()
{
    EVP_CIPHER_CTX_free(m_ctx);
    m_ctx = nullptr;
    cleanse(m_key);
}

// A keyed context; after a failure its state is unknown, so it is made again from the key.
bool SealedFileCipher::ready()
{
    if (m_ctx != nullptr)
        return true;
    if (m_key.size() != Format::KeySize)
        return false;
    const int enc = m_direction == Direction::Seal ? 1 : 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    EVP_CIPHER *cipher = gcmCipher();
    if (ctx == nullptr || cipher == nullptr ||
        EVP_CipherInit_ex(ctx, cipher, nullptr, nullptr, nullptr, enc) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Format::NonceSize, nullptr) != 1 ||
        EVP_CipherInit_ex(ctx, nullptr, nullptr, bytesOf(m_key.constData()), nullptr, enc) != 1) {
        EVP_CIPHER_CTX_free(ctx);
        return false;
    }
    m_ctx = ctx;
    return true;
}

bool SealedFileCipher::seal(quint64 index, const QByteArray &associatedData, QByteArrayView plain,
                            QByteArray &out)
{
    out.resize(plain.size() + Format::TagSize);
    if (m_direction != Direction::Seal || plain.size() > Format::ChunkSize || !ready())
        return false;
    auto *cipherText = reinterpret_cast<unsigned char *>(out.data());
    const QByteArray nonce = Format::nonce(index);
    auto failed = [this] {
        EVP_CIPHER_CTX_free(m_ctx);
        m_ctx = nullptr;
        return false;
    };
    int len = 0;
    if (EVP_EncryptInit_ex(m_ctx, nullptr, nullptr, nullptr, bytesOf(nonce.constData())) != 1 ||
        EVP_EncryptUpdate(m_ctx, nullptr, &len, bytesOf(associatedData.constData()),
                          int(associatedData.size())) != 1)
        return failed();
    int written = 0;
    if (!plain.isEmpty()) {
        if (EVP_EncryptUpdate(m_ctx, cipherText, &len, bytesOf(plain.data()), int(plain.size())) !=
            1)
            return failed();
        written = len;
    }
    if (EVP_EncryptFinal_ex(m_ctx, cipherText + written, &len) != 1)
        return failed();
    written += len;
    if (written != plain.size() || EVP_CIPHER_CTX_ctrl(m_ctx, EVP_CTRL_GCM_GET_TAG, Format::TagSize,
                                                       cipherText + written) != 1)
        return failed();
    return true;
}

bool SealedFileCipher::open(quint64 index, const QByteArray &associatedData, QByteArrayView sealed,
                            QByteArray &out)
{
    cleanse(out);
    const qsizetype bodySize = sealed.size() - Format::TagSize;
    if (m_direction != Direction::Open || bodySize < 0 || bodySize > Format::ChunkSize || !ready())
        return false;
    // EVP_CIPHER_CTX_ctrl takes a non-const tag buffer, so copy it out.
    QByteArray tag(sealed.data() + bodySize, Format::TagSize);
    const QByteArray nonce = Format::nonce(index);
    QByteArray plain(bodySize, Qt::Uninitialized);
    auto *plainBytes = reinterpret_cast<unsigned char *>(plain.data());
    auto failed = [this, &plain] {
        cleanse(plain);
        EVP_CIPHER_CTX_free(m_ctx);
        m_ctx = nullptr;
        return false;
    };
    int len = 0;
    if (EVP_DecryptInit_ex(m_ctx, nullptr, nullptr, nullptr, bytesOf(nonce.constData())) != 1 ||
        EVP_DecryptUpdate(m_ctx, nullptr, &len, bytesOf(associatedData.constData()),
                          int(associatedData.size())) != 1)
        return failed();
    int written = 0;
    if (bodySize > 0) {
        if (EVP_DecryptUpdate(m_ctx, plainBytes, &len, bytesOf(sealed.data()), int(bodySize)) != 1)
            return failed();
        written = len;
    }
    // Final verifies the tag; on a mismatch the decrypted bytes are wiped, never released.
    if (EVP_CIPHER_CTX_ctrl(m_ctx, EVP_CTRL_GCM_SET_TAG, Format::TagSize, tag.data()) != 1 ||
        EVP_DecryptFinal_ex(m_ctx, plainBytes + written, &len) != 1)
        return failed();
    out = std::move(plain);
    return true;
}

} // namespace imp::crypto::detail
