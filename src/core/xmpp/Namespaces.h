#pragma once

// The core stream namespaces (ns::Client, Tls, Sasl, Bind, Session, Streams, Stanzas) live in
// PhaseStep.h; this header adds those of the extensions, so including it gives all of them.
#include "xmpp/PhaseStep.h"

#include <QString>

namespace imp::xmpp::ns {
inline const QString Receipts = QStringLiteral("urn:xmpp:receipts");
inline const QString Markers = QStringLiteral("urn:xmpp:chat-markers:0");
inline const QString ChatStates = QStringLiteral("http://jabber.org/protocol/chatstates");
inline const QString Sid = QStringLiteral("urn:xmpp:sid:0");
inline const QString Carbons = QStringLiteral("urn:xmpp:carbons:2");
inline const QString Forward = QStringLiteral("urn:xmpp:forward:0");
inline const QString Delay = QStringLiteral("urn:xmpp:delay");
inline const QString Mam = QStringLiteral("urn:xmpp:mam:2");
inline const QString Rsm = QStringLiteral("http://jabber.org/protocol/rsm");
inline const QString DataForms = QStringLiteral("jabber:x:data");
inline const QString Roster = QStringLiteral("jabber:iq:roster");
inline const QString Blocking = QStringLiteral("urn:xmpp:blocking");
inline const QString Reporting = QStringLiteral("urn:xmpp:reporting:1");
inline const QString Retract = QStringLiteral("urn:xmpp:message-retract:1");
inline const QString Fallback = QStringLiteral("urn:xmpp:fallback:0");
inline const QString Hints = QStringLiteral("urn:xmpp:hints");
inline const QString Ping = QStringLiteral("urn:xmpp:ping");
inline const QString Csi = QStringLiteral("urn:xmpp:csi:0");
inline const QString Sm = QStringLiteral("urn:xmpp:sm:3");
inline const QString DiscoInfo = QStringLiteral("http://jabber.org/protocol/disco#info");
inline const QString Nick = QStringLiteral("http://jabber.org/protocol/nick");
inline const QString Xml = QStringLiteral("http://www.w3.org/XML/1998/namespace");
inline const QString Muc = QStringLiteral("http://jabber.org/protocol/muc");
inline const QString MucUser = QStringLiteral("http://jabber.org/protocol/muc#user");
inline const QString OccupantId = QStringLiteral("urn:xmpp:occupant-id:0");
inline const QString MucOwner = QStringLiteral("http://jabber.org/protocol/muc#owner");
inline const QString MucAdmin = QStringLiteral("http://jabber.org/protocol/muc#admin");
inline const QString Pubsub = QStringLiteral("http://jabber.org/protocol/pubsub");
inline const QString PubsubEvent = QStringLiteral("http://jabber.org/protocol/pubsub#event");
inline const QString Bookmarks = QStringLiteral("urn:xmpp:bookmarks:1");
} // namespace imp::xmpp::ns
