#pragma once

#include "xmpp/XmlElement.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace imp::xmpp {

// XEP-0313 (urn:xmpp:mam:2) query of our own archive, paged with RSM (XEP-0059).
struct MamQuery {
    QString queryId; // required
    QString with;    // bare JID filter; empty = all
    QDateTime start; // optional
    std::optional<QString>
        before; // RSM <before/>: "" = the LAST page (newest), "ID" = page before ID
    std::optional<QString> after; // RSM <after>ID</after>
    int max = 100;                // the server may lower it (Prosody: 50 by default)

    // <iq type='set'><query xmlns=mam queryid><x jabber:x:data form/><set rsm/></query></iq>,
    // without id/to: IqTracker fills the id, and no `to` addresses our own archive.
    XmlElement toIq() const;
};

// The end of a MAM page: the <fin/> of the query's result IQ.
struct MamFin {
    static constexpr qsizetype kMaxIdChars = 256;

    QString first, last; // RSM first/last ids of the page ("" when the page is empty)
    bool complete = false;
    int count = -1; // RSM <count/>, -1 when absent or unreadable

    // The <fin xmlns=mam:2> in a type='result' IQ; nullopt when missing or when an id is over
    // kMaxIdChars.
    static std::optional<MamFin> fromIq(const XmlElement &iqResult);
};

} // namespace imp::xmpp
