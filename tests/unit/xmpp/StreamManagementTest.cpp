// XEP-0198 bookkeeping: counting, acks (including the 2^32 wrap), deferred inbound handling,
// refused acks from a broken server, and what is retransmitted after a resumption.
#include "xmpp/StreamManagement.h"

#include <gtest/gtest.h>

using namespace imp::xmpp;

namespace {

XmlElement message(int n)
{
    XmlElement m(QStringLiteral("message"));
    m.setAttribute(QStringLiteral("id"), QString::number(n));
    return m;
}

QStringList ids(const QList<StreamManagement::Outbound> &list)
{
    QStringList out;
    for (const auto &o : list)
        out << o.stanza.attribute(QStringLiteral("id"));
    return out;
}

QStringList ids(const QList<XmlElement> &list)
{
    QStringList out;
    for (const auto &e : list)
        out << e.attribute(QStringLiteral("id"));
    return out;
}

StreamManagement enabled()
{
    StreamManagement sm;
    sm.enable(QStringLiteral("sess-1"), true, std::chrono::seconds(300));
    return sm;
}

} // namespace

TEST(StreamManagementTest, CountsOnlyStanzasOfJabberClient)
{
    EXPECT_TRUE(StreamManagement::isCountedStanza(XmlElement(QStringLiteral("message"))));
    EXPECT_TRUE(StreamManagement::isCountedStanza(XmlElement(QStringLiteral("presence"))));
    EXPECT_TRUE(StreamManagement::isCountedStanza(
        XmlElement(QStringLiteral("iq"), QStringLiteral("jabber:client"))));
    // Nonzas: SM itself, CSI, stream features.
    EXPECT_FALSE(StreamManagement::isCountedStanza(
        XmlElement(QStringLiteral("r"), QStringLiteral("urn:xmpp:sm:3"))));
    EXPECT_FALSE(StreamManagement::isCountedStanza(
        XmlElement(QStringLiteral("inactive"), QStringLiteral("urn:xmpp:csi:0"))));
    EXPECT_FALSE(StreamManagement::isCountedStanza(
        XmlElement(QStringLiteral("message"), QStringLiteral("jabber:server"))));
}

TEST(StreamManagementTest, ParsesOnlyPlainUnsigned32BitH)
{
    quint32 h = 7;
    EXPECT_TRUE(StreamManagement::parseH(QStringLiteral("0"), h));
    EXPECT_EQ(h, 0u);
    EXPECT_TRUE(StreamManagement::parseH(QStringLiteral("4294967295"), h));
    EXPECT_EQ(h, 4294967295u);
    for (const char *bad : {"", "-1", "+1", " 1", "1 ", "4294967296", "99999999999", "0x10", "1.0"})
        EXPECT_FALSE(StreamManagement::parseH(QString::fromLatin1(bad), h)) << bad;
}

TEST(StreamManagementTest, AcksRemoveStanzasInSendOrder)
{
    auto sm = enabled();
    EXPECT_TRUE(sm.isEnabled());
    EXPECT_TRUE(sm.isResumable());
    for (int i = 1; i <= 5; ++i)
        sm.onSent(message(i), i != 3); // #3 is internal (a ping, say)
    EXPECT_EQ(sm.unackedCount(), 5u);
    EXPECT_EQ(sm.outboundCount(), 5u);

    auto first = sm.onAck(2);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(ids(*first), (QStringList{"1", "2"}));
    auto again = sm.onAck(2); // the same h again acknowledges nothing new
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->isEmpty());
    auto rest = sm.onAck(5);
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(ids(*rest), (QStringList{"3", "4", "5"}));
    EXPECT_FALSE((*rest)[0].notify);
    EXPECT_TRUE((*rest)[1].notify);
    EXPECT_EQ(sm.unackedCount(), 0u);
}

TEST(StreamManagementTest, AckBeyondWhatWasSentIsRefusedAndChangesNothing)
{
    auto sm = enabled();
    sm.onSent(message(1), true);
    sm.onSent(message(2), true);
    auto bad = sm.onAck(3);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "xmpp.sm.bad_ack");
    EXPECT_EQ(sm.unackedCount(), 2u);
    ASSERT_TRUE(sm.onAck(1).ok());
    // Going backwards is as wrong as running ahead.
    auto backwards = sm.onAck(0);
    ASSERT_FALSE(backwards.ok());
    EXPECT_EQ(backwards.error().code, "xmpp.sm.bad_ack");
    EXPECT_EQ(ids(sm.unacked()), (QStringList{"2"}));
    // A huge h (say 2^32 - 1 on a young session) is refused too.
    EXPECT_FALSE(sm.onAck(0xFFFFFFFFu).ok());
}

TEST(StreamManagementTest, OutboundCounterWrapsAt2Pow32)
{
    StreamManagement sm;
    sm.startCountersAt(0xFFFFFFFEu, 0);
    for (int i = 1; i <= 4; ++i)
        sm.onSent(message(i), true);
    EXPECT_EQ(sm.outboundCount(), 2u); // 0xFFFFFFFE + 4 mod 2^32
    auto a = sm.onAck(0xFFFFFFFFu);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(ids(*a), (QStringList{"1"}));
    auto b = sm.onAck(1); // crosses the wrap: #2 (h=0) and #3 (h=1)
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(ids(*b), (QStringList{"2", "3"}));
    EXPECT_FALSE(sm.onAck(3).ok()); // only 2 (= #4) exists
    auto c = sm.onAck(2);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(ids(*c), (QStringList{"4"}));
    EXPECT_FALSE(sm.onAck(0xFFFFFFFFu).ok()); // stale value from before the wrap
}

TEST(StreamManagementTest, InboundCounterWrapsAt2Pow32)
{
    StreamManagement sm;
    sm.startCountersAt(0, 0xFFFFFFFEull);
    EXPECT_EQ(sm.inboundH(), 0xFFFFFFFEu);
    sm.onReceived();
    EXPECT_EQ(sm.inboundH(), 0xFFFFFFFFu);
    sm.onReceived();
    EXPECT_EQ(sm.inboundH(), 0u);
    const quint64 seq = sm.onReceived();
    const quint64 token = sm.defer(seq); // a deferral across the wrap still holds h back
    sm.onReceived();
    EXPECT_EQ(sm.inboundH(), 0u);
    sm.release(token);
    EXPECT_EQ(sm.inboundH(), 2u);
}

TEST(StreamManagementTest, DeferredInboundHoldsHBackUntilReleased)
{
    auto sm = enabled();
    const quint64 s0 = sm.onReceived();
    EXPECT_EQ(sm.inboundH(), 1u); // handled on receipt unless deferred
    const quint64 s1 = sm.onReceived();
    const quint64 t1 = sm.defer(s1);
    EXPECT_EQ(sm.inboundH(), 1u);
    const quint64 s2 = sm.onReceived();
    const quint64 t2 = sm.defer(s2);
    sm.onReceived(); // #3, handled at once
    EXPECT_EQ(sm.inboundH(), 1u);
    EXPECT_EQ(sm.inboundReceived(), 4u);

    // Out of order: h counts contiguously handled stanzas only.
    sm.release(t2);
    EXPECT_EQ(sm.inboundH(), 1u);
    sm.release(t1);
    EXPECT_EQ(sm.inboundH(), 4u);
    EXPECT_EQ(sm.deferredCount(), 0u);
    sm.release(t1); // twice: ignored
    sm.release(424242);
    EXPECT_EQ(sm.inboundH(), 4u);
    (void)s0;

    // Two deferrals of the same stanza (two components persisting it): both must finish.
    const quint64 s4 = sm.onReceived();
    const quint64 a = sm.defer(s4);
    const quint64 b = sm.defer(s4);
    EXPECT_NE(a, b);
    sm.release(a);
    EXPECT_EQ(sm.inboundH(), 4u);
    sm.release(b);
    EXPECT_EQ(sm.inboundH(), 5u);
}

TEST(StreamManagementTest, ReportedHNeverGoesBackwards)
{
    auto sm = enabled();
    const quint64 s0 = sm.onReceived();
    EXPECT_EQ(sm.reportH(), 1u);
    EXPECT_EQ(sm.lastReportedH(), 1u);
    // A deferral of an already reported stanza cannot hold anything back any more.
    const quint64 late = sm.defer(s0);
    EXPECT_NE(late, 0u);
    EXPECT_EQ(sm.inboundH(), 1u);
    EXPECT_EQ(sm.deferredCount(), 0u);
    // Nor can one of a stanza that never arrived.
    sm.defer(99);
    EXPECT_EQ(sm.deferredCount(), 0u);
}

TEST(StreamManagementTest, TokensOfAnEarlierConnectionOrSessionAreIgnored)
{
    auto sm = enabled();
    sm.onReceived();
    const quint64 s1 = sm.onReceived();
    const quint64 old = sm.defer(s1);
    sm.onReceived();
    EXPECT_EQ(sm.inboundH(), 1u);

    // The connection dies: the server resends everything after the h we report on resume,
    // so the receive counter falls back to it and the deferral is void.
    sm.connectionLost();
    EXPECT_EQ(sm.reportH(), 1u);
    EXPECT_EQ(sm.inboundReceived(), 1u);
    const quint64 again = sm.onReceived(); // the redelivered stanza gets the same position
    EXPECT_EQ(again, s1);
    const quint64 fresh = sm.defer(again);
    sm.release(old); // a stale token must not release the redelivered stanza
    EXPECT_EQ(sm.inboundH(), 1u);
    sm.release(fresh);
    EXPECT_EQ(sm.inboundH(), 2u);

    // A new session: old tokens stay unmatchable (token values are never reused).
    const quint64 s = sm.onReceived();
    const quint64 t = sm.defer(s);
    sm.enable(QStringLiteral("sess-2"), true, std::chrono::seconds(60));
    const quint64 s0 = sm.onReceived();
    const quint64 t0 = sm.defer(s0);
    EXPECT_NE(t0, t);
    sm.release(t);
    EXPECT_EQ(sm.inboundH(), 0u);
    sm.release(t0);
    EXPECT_EQ(sm.inboundH(), 1u);
}

TEST(StreamManagementTest, ResumeDropsAckedAndKeepsTheRestForRetransmission)
{
    auto sm = enabled();
    for (int i = 1; i <= 6; ++i)
        sm.onSent(message(i), true);
    ASSERT_TRUE(sm.onAck(2).ok());
    sm.connectionLost();

    // The server got #3 and #4 before the connection died.
    auto resumed = sm.onResumed(4);
    ASSERT_TRUE(resumed.ok());
    EXPECT_EQ(ids(*resumed), (QStringList{"3", "4"}));
    EXPECT_EQ(ids(sm.unacked()), (QStringList{"5", "6"}));
    // The retransmitted stanzas stay queued and are acknowledged with the following h.
    sm.onSent(message(7), true);
    auto a = sm.onAck(7);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(ids(*a), (QStringList{"5", "6", "7"}));
}

TEST(StreamManagementTest, ResumeWithImpossibleHIsRefused)
{
    auto sm = enabled();
    sm.onSent(message(1), true);
    ASSERT_TRUE(sm.onAck(1).ok());
    sm.onSent(message(2), true);
    auto ahead = sm.onResumed(3);
    ASSERT_FALSE(ahead.ok());
    EXPECT_EQ(ahead.error().code, "xmpp.sm.bad_ack");
    auto behind = sm.onResumed(0);
    ASSERT_FALSE(behind.ok());
    EXPECT_EQ(ids(sm.unacked()), (QStringList{"2"}));
}

TEST(StreamManagementTest, QueueIsBoundedAndResetForgetsEverything)
{
    auto sm = enabled();
    for (std::size_t i = 0; i < StreamManagement::kMaxUnacked - 1; ++i)
        sm.onSent(message(1), true);
    EXPECT_FALSE(sm.isFull());
    sm.onSent(message(2), true);
    EXPECT_TRUE(sm.isFull());
    auto acked = sm.onAck(10);
    ASSERT_TRUE(acked.ok());
    EXPECT_FALSE(sm.isFull());

    sm.reset();
    EXPECT_FALSE(sm.isEnabled());
    EXPECT_FALSE(sm.isResumable());
    EXPECT_EQ(sm.unackedCount(), 0u);
    EXPECT_EQ(sm.inboundH(), 0u);
    EXPECT_TRUE(sm.id().isEmpty());
}

TEST(StreamManagementTest, NotResumableWithoutIdOrPermission)
{
    StreamManagement sm;
    sm.enable(QString(), true, std::chrono::seconds(0));
    EXPECT_TRUE(sm.isEnabled());
    EXPECT_FALSE(sm.isResumable());
    sm.enable(QStringLiteral("x"), false, std::chrono::seconds(0));
    EXPECT_FALSE(sm.isResumable());
}
