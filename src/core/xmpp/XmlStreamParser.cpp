#include "xmpp/XmlStreamParser.h"

namespace imp::xmpp {

namespace {
bool isXmlSpace(char32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
} // namespace

qsizetype Utf8Validator::check(QByteArrayView bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (m_need == 0) {
            if (b < 0x80) {
                if (b < 0x20 && !isXmlSpace(b))
                    return i;
                ++m_units;
                continue;
            }
            // C0 and C1 could only start overlong forms; F5..FF would encode beyond U+10FFFF.
            if (b >= 0xC2 && b <= 0xDF)
                m_need = 1;
            else if (b >= 0xE0 && b <= 0xEF)
                m_need = 2;
            else if (b >= 0xF0 && b <= 0xF4)
                m_need = 3;
            else
                return i; // a stray continuation byte or an impossible lead byte
            static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
            m_min = kMin[m_need];
            m_cp = b & (0x3F >> m_need);
            continue;
        }
        if ((b & 0xC0) != 0x80)
            return i;
        m_cp = (m_cp << 6) | (b & 0x3F);
        if (--m_need > 0)
            continue;
        if (m_cp < m_min || m_cp > 0x10FFFF || (m_cp >= 0xD800 && m_cp <= 0xDFFF) ||
            m_cp == 0xFFFE || m_cp == 0xFFFF)
            return i;
        if (m_cp == 0xFEFF && m_units == 0 && !m_skippedBom) {
            m_skippedBom = true; // the reader drops it too: positions stay in step
            continue;
        }
        m_units += m_cp > 0xFFFF ? 2 : 1;
    }
    return -1;
}

XmlStreamParser::XmlStreamParser()
    : XmlStreamParser(Limits{})
{}

XmlStreamParser::XmlStreamParser(Limits limits)
    : m_limits(limits)
{
    m_reader.setNamespaceProcessing(true);
}

void XmlStreamParser::reset()
{
    m_reader.clear();
    m_reader.setNamespaceProcessing(true);
    m_stack.clear();
    m_skippedDepth = 0;
    m_streamOpen = m_closed = m_failed = false;
    m_fed = m_boundary = m_stanzaStart = 0;
    m_utf8.reset();
}

bool XmlStreamParser::midStanza() const
{
    if (m_failed || m_closed)
        return false;
    return !m_stack.empty() || m_utf8.midSequence();
}

std::vector<XmlStreamParser::Event> XmlStreamParser::feed(const QByteArray &bytes)
{
    std::vector<Event> events;
    for (qsizetype pos = 0; pos < bytes.size() && !m_failed; pos += kPieceBytes) {
        QByteArray piece = bytes.mid(pos, kPieceBytes);
        const qsizetype bad = m_utf8.check(piece);
        if (bad >= 0)
            piece.truncate(bad); // what came before still counts (a stanza may end there)
        m_reader.addData(piece);
        m_fed += piece.size();
        drain(events);
        if (m_failed)
            break;
        if (bad >= 0) {
            fail(events, "xmpp.not_well_formed", "invalid UTF-8 or a character XML forbids");
            break;
        }
        // Checked per piece: a stanza that never ends, or a stream header that never ends,
        // must stop here rather than fill memory.
        if (!m_stack.empty() && m_fed - m_stanzaStart > m_limits.maxStanzaBytes) {
            fail(events, "xmpp.policy_violation", "stanza too large");
            break;
        }
        if (m_fed - m_boundary > m_limits.maxBufferedBytes) {
            fail(events, "xmpp.policy_violation", "too much unparsed data");
            break;
        }
    }
    return events;
}

void XmlStreamParser::fail(std::vector<Event> &events, std::string code, std::string detail)
{
    m_failed = true;
    m_stack.clear();
    m_skippedDepth = 0;
    events.emplace_back(StreamFailed{makeError(std::move(code), std::move(detail))});
}

bool XmlStreamParser::prefixesDeclared() const
{
    // QXmlStreamReader accepts an undeclared prefix and reports an empty namespace; the
    // Namespaces in XML spec calls that an error.
    if (m_reader.prefix().size() > 0 && m_reader.namespaceUri().isEmpty())
        return false;
    for (const auto &a : m_reader.attributes())
        if (a.prefix().size() > 0 && a.namespaceUri().isEmpty())
            return false;
    return true;
}

XmlElement XmlStreamParser::makeElement() const
{
    XmlElement e(m_reader.name().toString(), m_reader.namespaceUri().toString());
    for (const auto &a : m_reader.attributes())
        e.setAttribute(a.name().toString(), a.value().toString(), a.namespaceUri().toString());
    return e;
}

void XmlStreamParser::drain(std::vector<Event> &events)
{
    while (!m_failed) {
        const auto token = m_reader.readNext();
        switch (token) {
        case QXmlStreamReader::NoToken:
        case QXmlStreamReader::Invalid:
            if (m_reader.error() == QXmlStreamReader::PrematureEndOfDocumentError)
                return; // wait for more bytes
            fail(events, "xmpp.not_well_formed", m_reader.errorString().toStdString());
            return;
        case QXmlStreamReader::StartDocument: {
            // XMPP is UTF-8 only; a declaration naming another encoding is refused.
            const auto enc = m_reader.documentEncoding();
            if (!enc.isEmpty() && enc.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) != 0) {
                fail(events, "xmpp.unsupported_encoding", "encoding other than UTF-8");
                return;
            }
            break;
        }
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
        case QXmlStreamReader::ProcessingInstruction:
        case QXmlStreamReader::Comment:
            // RFC 6120 section 11.1: these must not appear in an XMPP stream.
            fail(events, "xmpp.restricted_xml", "DTD, entity, comment or processing instruction");
            return;
        case QXmlStreamReader::StartElement:
            if (!prefixesDeclared()) {
                fail(events, "xmpp.not_well_formed", "undeclared namespace prefix");
                return;
            }
            if (!m_streamOpen) {
                if (m_reader.name() != QLatin1String("stream") ||
                    m_reader.namespaceUri() != kStreamNamespace) {
                    fail(events, "xmpp.invalid_namespace", "stream does not start with stream");
                    return;
                }
                m_streamOpen = true;
                m_boundary = m_fed;
                events.emplace_back(StreamOpened{makeElement()});
                break;
            }
            if (m_skippedDepth > 0 || static_cast<int>(m_stack.size()) >= m_limits.maxDepth) {
                // Too deep to keep: left out of the stanza, which still arrives. Closing the
                // stream instead would let any peer cut us off for good, as the server hands
                // the same stanza again on every reconnect. Memory stays bounded by the
                // stanza size limit.
                ++m_skippedDepth;
                break;
            }
            if (m_stack.empty())
                m_stanzaStart = m_boundary;
            m_stack.push_back(makeElement());
            break;
        case QXmlStreamReader::EndElement:
            if (m_skippedDepth > 0) {
                --m_skippedDepth;
                break;
            }
            if (m_stack.empty()) {
                // Keep reading: the reader itself rejects anything but whitespace after this.
                m_closed = true;
                m_boundary = m_fed;
                events.emplace_back(StreamClosed{});
                break;
            }
            if (m_stack.size() == 1) {
                events.emplace_back(StanzaReceived{std::move(m_stack.back())});
                m_stack.pop_back();
                m_boundary = m_fed;
            } else {
                XmlElement done = std::move(m_stack.back());
                m_stack.pop_back();
                m_stack.back().addChild(std::move(done));
            }
            break;
        case QXmlStreamReader::Characters:
            if (m_stack.empty()) {
                // Between stanzas only whitespace (keepalives) is allowed.
                if (!m_reader.isWhitespace()) {
                    fail(events, "xmpp.not_well_formed", "text between stanzas");
                    return;
                }
                m_boundary = m_fed;
            } else if (m_skippedDepth == 0) {
                m_stack.back().appendText(m_reader.text().toString());
            }
            break;
        case QXmlStreamReader::EndDocument:
            break;
        }
    }
}

} // namespace imp::xmpp
