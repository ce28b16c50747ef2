#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace imp::chat::messages {

// The bytes sealed for one record of the chat store (a message, a conversation row, an outbox
// entry): a marker byte, then fields in a fixed order, each a LEB128 length or value followed
// by its UTF-8 bytes. Read back code point for code point (JSON through Qt 6.4 drops a leading
// U+FEFF), and several times cheaper than JSON for the ingest path. Records written before
// this format start with '{' (JSON) and are read by each record's legacy path.
class RecordCodec {
public:
    static constexpr char Marker = '\x01';

    static bool isLegacyJson(QByteArrayView bytes) { return bytes.startsWith('{'); }

    class Writer {
    public:
        Writer();
        Writer &string(const QString &value);
        Writer &integer(qint64 value);
        Writer &boolean(bool value) { return integer(value ? 1 : 0); }
        QByteArray take() { return std::move(m_bytes); }

    private:
        void varint(quint64 value);
        QByteArray m_bytes;
    };

    // Reads fields in the order they were written. A truncated or foreign record makes ok()
    // false; the fields read after that are empty.
    class Reader {
    public:
        explicit Reader(QByteArrayView bytes);
        QString string();
        qint64 integer();
        bool boolean() { return integer() != 0; }
        bool ok() const { return m_ok; }
        bool atEnd() const { return m_pos >= m_bytes.size(); }

    private:
        bool varint(quint64 &value);
        QByteArrayView m_bytes;
        qsizetype m_pos = 0;
        bool m_ok = true;
    };
};

} // namespace imp::chat::messages
