#pragma once

#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <QList>
#include <QStringList>
#include <optional>

namespace imp::xmpp {

// XEP-0191 blocking command and XEP-0377 spam reporting (urn:xmpp:reporting:1).
class Blocking {
public:
    static constexpr qsizetype kMaxItems = 10000; // a longer list or push is nullopt
    static constexpr qsizetype kMaxReportTextChars = 1000;

    enum class Reason { Spam, Abuse }; // urn:xmpp:reporting:spam / urn:xmpp:reporting:abuse

    static XmlElement listIq();                          // <blocklist/> get
    static XmlElement blockIq(const QList<Jid> &jids);   // at least one JID (server rule)
    static XmlElement unblockIq(const QList<Jid> &jids); // empty list = unblock all
    // Block + report one JID: <block><item jid><report xmlns='urn:xmpp:reporting:1'
    // reason='...'><stanza-id/>...<text>..</text></report></item></block>. stanzaIds are ids of
    // the offending messages as assigned by archiveOwner (our bare JID, written as
    // <stanza-id by/>; omitted when empty). The text is cut to kMaxReportTextChars.
    static XmlElement reportIq(const Jid &jid, Reason reason, const QString &text,
                               const QStringList &stanzaIds = {}, const Jid &archiveOwner = {});
    // The JIDs of a blocklist result (invalid ones skipped); nullopt if malformed or over
    // kMaxItems.
    static std::optional<QList<Jid>> listFromResult(const XmlElement &iqResult);

    struct Push {
        bool blocked = true;
        QList<Jid> jids;
        bool all = false; /* unblock with no items */
    };
    // <block>/<unblock> pushes (type='set'). A push carrying a `from` is accepted only when it is
    // ownBare (pass our JID; with the default, only from-less pushes are believed). nullopt for
    // anything else, for a block without valid items, and over kMaxItems.
    static std::optional<Push> pushFromIq(const XmlElement &iqSet, const Jid &ownBare = {});
};

} // namespace imp::xmpp
