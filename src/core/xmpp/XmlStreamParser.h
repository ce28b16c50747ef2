#pragma once

#include "common/Result.h"
#include "xmpp/XmlElement.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QXmlStreamReader>
#include <variant>
#include <vector>

namespace imp::xmpp {

inline const QString kStreamNamespace = QStringLiteral("http://etherx.jabber.org/streams");

// Streaming check that bytes are UTF-8 carrying only characters XML 1.0 allows (RFC 6120 11.6,
// XML 1.0 2.2). Qt 6.4's QXmlStreamReader, once past its first chunk, waits for more data on
// invalid bytes instead of failing, so a hostile or broken server could keep us reading
// garbage. State is kept across calls: a character split between two reads is judged whole.
class Utf8Validator {
public:
    // Index in `bytes` of the first byte that makes the text invalid (malformed or overlong
    // UTF-8, a surrogate, beyond U+10FFFF, a C0 control other than TAB LF CR, U+FFFE, U+FFFF),
    // or -1. After an error the state is undefined: reset() before reuse.
    qsizetype check(QByteArrayView bytes);
    void reset() { *this = Utf8Validator(); }

    bool midSequence() const { return m_need > 0; }
    // UTF-16 units of the complete characters so far, as QXmlStreamReader::characterOffset()
    // counts them (it skips a leading byte-order mark; so does this count).
    qint64 units() const { return m_units; }

private:
    char32_t m_cp = 0;
    char32_t m_min = 0; // smallest code point the current sequence length may encode
    int m_need = 0;     // continuation bytes still expected
    qint64 m_units = 0;
    bool m_skippedBom = false;
};

// Incremental parser for one XMPP stream (one direction, from <stream:stream> to
// </stream:stream>). Bytes are fed as they arrive; complete top-level stanzas come out as
// small DOMs. Hard limits keep a hostile peer from making us buffer without bound; after the
// first error the parser is dead and the stream must be closed.
class XmlStreamParser {
public:
    struct Limits {
        int maxDepth = 32; // element nesting kept in a stanza (stanza = 1); deeper is left out
        // Above the server's own limit (Prosody: 256 KiB), with room for the wrappers it adds
        // (carbons, archive results): whatever the server lets through must not cut us off.
        qsizetype maxStanzaBytes = 1024 * 1024;       // one top-level stanza, start to end tag
        qsizetype maxBufferedBytes = 2 * 1024 * 1024; // received but not yet a whole stanza
    };

    struct StreamOpened {
        XmlElement header; // the <stream:stream> start tag: name, namespace, attributes
    };
    struct StanzaReceived {
        Stanza stanza;
    };
    struct StreamClosed {};
    struct StreamFailed {
        Error error; // xmpp.not_well_formed, xmpp.policy_violation, xmpp.restricted_xml, ...
    };
    using Event = std::variant<StreamOpened, StanzaReceived, StreamClosed, StreamFailed>;

    XmlStreamParser();
    explicit XmlStreamParser(Limits limits);

    // Parses what it can. Returns the events completed by these bytes, in order; an error is
    // always the last event, and every later call returns nothing.
    std::vector<Event> feed(const QByteArray &bytes);

    // Starts over for a stream restart (after STARTTLS and SASL), keeping the limits.
    void reset();

    bool failed() const { return m_failed; }
    // True while a stanza is open (its start tag read, its end tag not yet) or a character is
    // cut between two reads. The client's stanza deadline runs while this holds. (Exact
    // positions in the reader's character count were tried for half-read start tags and text
    // between stanzas; they misfired on long CJK stanzas from a real server, so they are out.)
    bool midStanza() const;
    const Limits &limits() const { return m_limits; }

private:
    // The reader gets data in pieces no larger than this, so the size accounting is exact to
    // within one piece and a single huge chunk is never handed over at once.
    static constexpr qsizetype kPieceBytes = 4096;

    void drain(std::vector<Event> &events);
    void fail(std::vector<Event> &events, std::string code, std::string detail);
    XmlElement makeElement() const;
    bool prefixesDeclared() const;

    Limits m_limits;
    QXmlStreamReader m_reader;
    std::vector<XmlElement> m_stack; // open elements of the current stanza
    int m_skippedDepth = 0;          // open elements below maxDepth, left out of the stanza
    bool m_streamOpen = false;
    bool m_closed = false;
    bool m_failed = false;
    qsizetype m_fed = 0;         // bytes handed to the reader so far
    qsizetype m_boundary = 0;    // m_fed when the last complete top-level item ended
    qsizetype m_stanzaStart = 0; // m_fed (rounded down to a piece) when this stanza began
    Utf8Validator m_utf8;
    // Exact position (reader characters) where the last complete top-level item ended, and
    // whether the first non-whitespace character after it has been checked to be '<'.
};

} // namespace imp::xmpp
