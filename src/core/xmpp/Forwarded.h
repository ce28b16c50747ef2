#pragma once

#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace imp::xmpp {

// Unwrapping of carbons (XEP-0280) and MAM results (XEP-0313) around a received <message/>.
struct Forwarded {
    enum class Origin { Live, CarbonReceived, CarbonSent, Archive };

    static constexpr qsizetype kMaxIdChars = 256;

    Origin origin = Origin::Live;
    XmlElement message; // the inner (or, for Live, the original) <message/>
    QDateTime stamp;    // forwarded <delay stamp/> (Archive, carbons if present), else invalid
    QString archiveId;  // Archive: <result id/> (the MAM id of the message)
    QString queryId;    // Archive: <result queryid/>

    // Classifies a received <message/>. Carbons and MAM results are accepted ONLY when the
    // outer `from` is empty or equals ownBare (else nullopt: a forged carbon/archive must be
    // dropped). Nullopt too for a carbon/result without exactly one <forwarded/> holding exactly
    // one <message/>, an inner message that is itself a carbon/result/forward (nesting), a
    // message with several envelopes, a result without id, ids over kMaxIdChars, or a
    // non-<message/>. Anything else is Live (message returned as is). MUC archives (results
    // from a room JID) are not handled here.
    static std::optional<Forwarded> unwrap(const XmlElement &message, const Jid &ownBare);
};

} // namespace imp::xmpp
