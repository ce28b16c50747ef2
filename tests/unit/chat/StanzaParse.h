#pragma once

// One stanza from XML text, read by the real stream parser (as it would arrive).
#include "xmpp/XmlStreamParser.h"

namespace imp::test {

inline xmpp::XmlElement parseStanza(const QByteArray &xml)
{
    xmpp::XmlStreamParser parser;
    for (const auto &e : parser.feed("<stream:stream xmlns='jabber:client' "
                                     "xmlns:stream='http://etherx.jabber.org/streams'>" +
                                     xml))
        if (const auto *s = std::get_if<xmpp::XmlStreamParser::StanzaReceived>(&e))
            return s->stanza;
    return {};
}

} // namespace imp::test
