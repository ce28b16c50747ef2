#pragma once

#include "common/Result.h"
#include "xmpp/XmlElement.h"

#include <QList>
#include <QString>
#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <set>
#include <utility>

namespace imp::xmpp {

// The bookkeeping of one XEP-0198 session, without any I/O: which stanzas we sent that the
// server has not acknowledged yet, and how many inbound stanzas we have handled (the h we
// report). Counters on the wire are mod 2^32 (XEP-0198 §4); all arithmetic here wraps.
// XmppClient owns one instance and feeds it what goes out and what comes in.
class StreamManagement {
public:
    // Beyond this many unacknowledged stanzas the link is considered broken: the client closes
    // the connection instead of buffering without bound.
    static constexpr std::size_t kMaxUnacked = 10000;

    struct Outbound {
        XmlElement stanza;
        bool notify = true; // sent by the application (stanzaAcked is emitted for it)
    };

    // message, presence and iq in jabber:client count; nonzas (SM, CSI, ...) never do.
    static bool isCountedStanza(const XmlElement &e);
    // An h attribute: a decimal number in [0, 2^32); false for anything else.
    static bool parseH(const QString &text, quint32 &h);

    // A fresh SM session (<enabled/>): counters start at zero, the queue is empty.
    void enable(const QString &id, bool resumable, std::chrono::seconds maxResume);
    // No SM session any more: forgets the queue, the counters and every deferral.
    void reset();
    // For tests: starts a fresh session whose counters already stand at these values (to
    // exercise the 2^32 wrap without sending four billion stanzas).
    void startCountersAt(quint32 outboundAcked, quint64 inboundHandled);

    bool isEnabled() const { return m_enabled; }
    bool isResumable() const { return m_enabled && m_resumable && !m_id.isEmpty(); }
    const QString &id() const { return m_id; }
    std::chrono::seconds maxResume() const { return m_maxResume; }

    // ---- outbound
    bool isFull() const { return m_unacked.size() >= kMaxUnacked; }
    // A counted stanza was written. The caller checks isFull() first.
    void onSent(XmlElement stanza, bool notify);
    std::size_t unackedCount() const { return m_unacked.size(); }
    // Stanzas sent in this session, mod 2^32.
    quint32 outboundCount() const;
    // The server's <a h/>: the stanzas it newly acknowledges, in send order. An h that
    // acknowledges more than we sent (or goes backwards) is "xmpp.sm.bad_ack" and changes nothing.
    Result<QList<Outbound>> onAck(quint32 h);
    // What is still unacknowledged (to retransmit after <resumed/>, in order).
    QList<XmlElement> unacked() const;
    // Forgets the unacknowledged stanzas (the session is gone; the caller resends them itself).
    void dropUnacked() { m_unacked.clear(); }

    // ---- inbound
    // A counted stanza arrived; returns its sequence number in this session.
    quint64 onReceived();
    // The stanza `seq` is not handled until the returned token is released. Tokens are unique
    // for the life of this object, so a token of an earlier connection never matches again.
    quint64 defer(quint64 seq);
    // Unknown or already released tokens are ignored.
    void release(quint64 token);
    std::size_t deferredCount() const { return m_deferred.size(); }
    // Inbound stanzas handled contiguously (the value we report), mod 2^32.
    quint32 inboundH() const { return static_cast<quint32>(handled()); }
    // inboundH() for an <a/> or <resume/> going out: stanzas reported as handled can no
    // longer be deferred (h never goes backwards).
    quint32 reportH();
    // The last value reportH() gave (so an unchanged h need not be sent again).
    quint32 lastReportedH() const { return static_cast<quint32>(m_floor); }
    quint32 inboundReceived() const { return static_cast<quint32>(m_received); }

    // The connection died: the server will resend whatever we did not report as handled, so
    // the receive counter falls back to the handled count and pending deferrals are void.
    void connectionLost();

    // <resumed h/> on the new connection: applies the server's h like an ack. On success the
    // stanzas returned were acknowledged; unacked() is then what to retransmit.
    Result<QList<Outbound>> onResumed(quint32 h);

private:
    quint64 handled() const;

    bool m_enabled = false;
    bool m_resumable = false;
    QString m_id;
    std::chrono::seconds m_maxResume{0};

    quint32 m_outAcked = 0; // the last h the server reported for our stanzas
    std::deque<Outbound> m_unacked;

    quint64 m_received = 0; // inbound stanzas received (64-bit: never wraps)
    quint64 m_floor = 0;    // below this nothing may be deferred (reported, or an old connection)
    std::map<quint64, quint64> m_deferred;         // token -> seq
    std::set<std::pair<quint64, quint64>> m_bySeq; // (seq, token): the smallest seq caps h
    quint64 m_nextToken = 1;
};

} // namespace imp::xmpp
