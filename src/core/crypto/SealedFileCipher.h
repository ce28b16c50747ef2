#pragma once

// Not part of crypto's public API: shared by SealedFileWriter.cpp and SealedFileReader.cpp.

#include <QByteArray>
#include <QByteArrayView>
#include <openssl/types.h>

namespace imp::crypto::detail {

// AES-256-GCM over the chunks of one sealed file (SealedFileFormat.h). The file key is expanded
// once per file and each chunk only sets its nonce: OpenSSL 3 would otherwise look the cipher
// up under global locks for every 64 KiB.
class SealedFileCipher {
public:
    enum class Direction { Seal, Open };

    explicit SealedFileCipher(Direction direction);
    ~SealedFileCipher();
    SealedFileCipher(const SealedFileCipher &) = delete;
    SealedFileCipher &operator=(const SealedFileCipher &) = delete;

    // False if the key is not 32 bytes or OpenSSL fails.
    bool setKey(const QByteArray &fileKey);
    // Frees the context and cleanses the key copy.
    void clear();

    // `out` = ciphertext || tag. False on an OpenSSL failure.
    bool seal(quint64 index, const QByteArray &associatedData, QByteArrayView plain,
              QByteArray &out);
    // `out` = the plaintext, only when the tag verifies; otherwise false and `out` is empty.
    bool open(quint64 index, const QByteArray &associatedData, QByteArrayView sealed,
              QByteArray &out);

private:
    bool ready();

    Direction m_direction;
    EVP_CIPHER_CTX *m_ctx = nullptr;
    QByteArray m_key;
};

} // namespace imp::crypto::detail
