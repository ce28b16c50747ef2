#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace imp::crypto {

// Media at rest (DESIGN §3, §7): a voice note, photo or file sealed in 64 KiB chunks of
// AES-256-GCM, so it can be played or uploaded while it is decrypted and no plaintext copy is
// ever written.
//
//   file     = header || chunk_0 || ... || chunk_{n-1}                       (n >= 1)
//   header   = "IMPM" || version (0x01) || salt (16 random bytes)            21 bytes
//   chunk_i  = AES-256-GCM(fileKey, nonce_i, aad_i, plaintext_i) || tag     |plaintext_i| + 16
//   fileKey  = HKDF-SHA256(ikm = media key, salt = salt, info = "imp.media.file.v1", 32 bytes)
//   nonce_i  = 0x00000000 || i (u64 big-endian)                               12 bytes
//   aad_i    = header || i (u64 big-endian) || final (0x01 for chunk n-1, else 0x00)
//
// Every chunk but the last holds exactly ChunkSize plaintext bytes. The last holds 1..ChunkSize
// bytes and carries the final flag; only an empty file has an empty (tag-only) final chunk. So
// the plaintext size follows from the file size alone, and no length or nonce is stored.
//
// Why this resists tampering: the index in the nonce and the associated data ties each chunk to
// its place, so a reordered, repeated or dropped chunk fails. The final flag ties the end, so a
// file cut at a chunk boundary fails (its new last chunk was sealed as not final); a cut inside
// a chunk fails that chunk's tag. The header is in every chunk's associated data, so a changed
// version or salt fails too. Each file has its own key (from its random salt), so a chunk
// spliced in from another file fails, and the counter nonces never repeat under one key: a
// file may hold up to 2^64 chunks and the media key may seal any number of files.
//
// The media key is a 32-byte sub-key of the vault's data key; the file name is a random id
// chosen by the caller, never derived from the content, the URL or the sender.
class SealedFileFormat {
public:
    static constexpr char Magic[4] = {'I', 'M', 'P', 'M'};
    static constexpr char Version = 0x01;
    static constexpr int SaltSize = 16;
    static constexpr int HeaderSize = 4 + 1 + SaltSize;
    static constexpr int ChunkSize = 64 * 1024;
    static constexpr int TagSize = 16;
    static constexpr int SealedChunkSize = ChunkSize + TagSize;
    static constexpr int KeySize = 32;
    static constexpr int NonceSize = 12;
    static constexpr char FileKeyInfo[] = "imp.media.file.v1";
    // header || index (8) || final flag (1).
    static constexpr int AssociatedDataSize = HeaderSize + 8 + 1;

    // Bytes on disk for a plaintext of `plaintextSize` bytes (>= 0).
    static qint64 sealedSize(qint64 plaintextSize);
    // The plaintext size of a sealed file of `fileSize` bytes, or -1 if no sealed file has that
    // size (shorter than a header and one tag, or a last chunk shorter than its tag).
    static qint64 plaintextSize(qint64 fileSize);
    // Chunks in a sealed file whose plaintext has `plaintextSize` bytes.
    static quint64 chunkCount(qint64 plaintextSize);

    // A header with a fresh random salt.
    static QByteArray newHeader();
    // Magic and version are ours and the size is right (says nothing about authenticity).
    static bool isHeader(const QByteArray &header);
    // Empty if `mediaKey` is not KeySize bytes or HKDF fails.
    static QByteArray fileKey(const QByteArray &mediaKey, const QByteArray &header);
    static QByteArray nonce(quint64 index);
    static QByteArray associatedData(const QByteArray &header, quint64 index, bool final);
};

} // namespace imp::crypto
