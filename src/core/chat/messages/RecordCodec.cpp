#include "chat/messages/RecordCodec.h"

#include "common/Utf8.h"

namespace imp::chat::messages {

RecordCodec::Writer::Writer()
{
    m_bytes.reserve(128);
    m_bytes.append(Marker);
}

void RecordCodec::Writer::varint(quint64 value)
{
    while (value >= 0x80) {
        m_bytes.append(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    m_bytes.append(static_cast<char>(value));
}

RecordCodec::Writer &RecordCodec::Writer::string(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    varint(static_cast<quint64>(utf8.size()));
    m_bytes.append(utf8);
    return *this;
}

RecordCodec::Writer &RecordCodec::Writer::integer(qint64 value)
{
    // Zigzag: small negative numbers stay short.
    varint((static_cast<quint64>(value) << 1) ^ static_cast<quint64>(value >> 63));
    return *this;
}

RecordCodec::Reader::Reader(QByteArrayView bytes)
    : m_bytes(bytes)
{
    if (m_bytes.isEmpty() || m_bytes.front() != Marker)
        m_ok = false;
    else
        m_pos = 1;
}

bool RecordCodec::Reader::varint(quint64 &value)
{
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (!m_ok || m_pos >= m_bytes.size()) {
            m_ok = false;
            return false;
        }
        const auto byte = static_cast<unsigned char>(m_bytes[m_pos++]);
        value |= static_cast<quint64>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0)
            return true;
    }
    m_ok = false;
    return false;
}

QString RecordCodec::Reader::string()
{
    quint64 size = 0;
    if (!varint(size) || size > static_cast<quint64>(m_bytes.size() - m_pos)) {
        m_ok = false;
        return {};
    }
    const auto begin = m_pos;
    m_pos += static_cast<qsizetype>(size);
    return fromUtf8Exact(m_bytes.sliced(begin, static_cast<qsizetype>(size)));
}

qint64 RecordCodec::Reader::integer()
{
    quint64 raw = 0;
    if (!varint(raw))
        return 0;
    return static_cast<qint64>((raw >> 1) ^ (~(raw & 1) + 1));
}

} // namespace imp::chat::messages
