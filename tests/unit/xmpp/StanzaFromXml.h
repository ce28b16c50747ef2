#pragma once

#include "xmpp/XmlStreamParser.h"

#include <QByteArray>
#include <gtest/gtest.h>

namespace imp::xmpp::test {

// Parses one stanza the way the client receives it: inside a jabber:client stream, through the
// real stream parser. A null element when the XML is not one well-formed stanza.
inline XmlElement stanzaFromXml(const QByteArray &xml)
{
    XmlStreamParser parser;
    const auto events =
        parser.feed("<stream:stream xmlns='jabber:client' "
                    "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>" +
                    xml);
    XmlElement out;
    int stanzas = 0;
    for (const auto &e : events) {
        if (const auto *s = std::get_if<XmlStreamParser::StanzaReceived>(&e)) {
            out = s->stanza;
            ++stanzas;
        } else if (std::holds_alternative<XmlStreamParser::StreamFailed>(e)) {
            return {};
        }
    }
    return stanzas == 1 ? out : XmlElement();
}

// Serialises and parses again: what a peer receives from what we built.
inline XmlElement overTheWire(const XmlElement &stanza)
{
    return stanzaFromXml(stanza.toXml(QStringLiteral("jabber:client")).toUtf8());
}

} // namespace imp::xmpp::test
