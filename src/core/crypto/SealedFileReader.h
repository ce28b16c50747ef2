#pragma once

#include "crypto/SealedFileCipher.h"

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QString>

namespace imp::crypto {

// A sealed media file (SealedFileFormat.h) read as its plaintext: a read-only, random-access
// QIODevice for players and uploads, decrypting one 64 KiB chunk at a time (the current chunk is
// cached). size(), pos() and seek() are in plaintext bytes; the size follows from the file size.
//
// open() verifies the header and the final chunk, so a truncated file is refused before a byte
// is played. A chunk that fails to authenticate makes read() return -1 with lastError()
// "media.corrupt"; no unauthenticated byte is ever returned.
//
// lastError(): "media.missing" (cannot open the file), "crypto.bad_key" (key not 32 bytes),
// "media.corrupt" (not a sealed file, wrong key, altered, truncated or reordered),
// "media.read_only" (opened for writing). errorString() carries the same code.
class SealedFileReader : public QIODevice {
    Q_OBJECT
public:
    // `key` is the 32-byte media key the file was sealed with.
    SealedFileReader(QString path, QByteArray key, QObject *parent = nullptr);
    ~SealedFileReader() override;

    bool open(OpenMode mode = ReadOnly) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    // Within 0..size(), like a read-only QBuffer.
    bool seek(qint64 pos) override;
    QString lastError() const { return m_error; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    bool loadChunk(quint64 index);
    bool refuse(const QString &code);

    QString m_path;
    QByteArray m_key;
    QFile m_file;
    QByteArray m_header;
    detail::SealedFileCipher m_cipher{detail::SealedFileCipher::Direction::Open};
    qint64 m_size = 0;
    quint64 m_chunks = 0;
    qint64 m_cachedIndex = -1;
    QByteArray m_cached; // plaintext of chunk m_cachedIndex
    QByteArray m_sealed; // reused read buffer
    QString m_error;
};

} // namespace imp::crypto
