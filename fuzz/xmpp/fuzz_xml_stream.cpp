// libFuzzer target: arbitrary bytes as an XMPP stream, fed in pieces whose sizes come from the
// input itself, so that split points are explored too. Every stanza is serialised again and
// must parse back to itself.
#include "xmpp/XmlStreamParser.h"

#include <cstdint>
#include <cstdlib>

using imp::xmpp::XmlStreamParser;

namespace {

const QByteArray kHeader = "<stream:stream xmlns='jabber:client' "
                           "xmlns:stream='http://etherx.jabber.org/streams'>";

void checkRoundTrip(const imp::xmpp::XmlElement &stanza)
{
    XmlStreamParser again;
    const QString xml = stanza.toXml(QStringLiteral("jabber:client"));
    const auto events = again.feed(kHeader + xml.toUtf8());
    if (events.size() != 2)
        std::abort();
    const auto *s = std::get_if<XmlStreamParser::StanzaReceived>(&events[1]);
    if (!s || s->stanza.toXml(QStringLiteral("jabber:client")) != xml)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // First byte: piece size (1..256); small limits so the limit paths are reached.
    const qsizetype piece = static_cast<qsizetype>(data[0]) + 1;
    XmlStreamParser::Limits limits;
    limits.maxDepth = 8;
    limits.maxStanzaBytes = 16 * 1024;
    limits.maxBufferedBytes = 32 * 1024;
    XmlStreamParser parser(limits);
    const QByteArray input(reinterpret_cast<const char *>(data + 1),
                           static_cast<qsizetype>(size - 1));
    bool failed = false;
    for (qsizetype pos = 0; pos < input.size(); pos += piece) {
        for (const auto &event : parser.feed(input.mid(pos, piece))) {
            if (failed)
                std::abort(); // nothing may follow an error
            if (std::holds_alternative<XmlStreamParser::StreamFailed>(event))
                failed = true;
            else if (const auto *s = std::get_if<XmlStreamParser::StanzaReceived>(&event))
                checkRoundTrip(s->stanza);
        }
    }
    return 0;
}
