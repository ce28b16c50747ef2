// XEP-0198 negotiation phase: the requests it sends and how it reads the server's answers.
#include "xmpp/SmPhase.h"

#include <gtest/gtest.h>

using namespace imp::xmpp;
using Kind = PhaseStep::Kind;

namespace {
const QString kSm = QStringLiteral("urn:xmpp:sm:3");

XmlElement sm(const char *name, std::initializer_list<std::pair<const char *, const char *>> attrs)
{
    XmlElement e(QString::fromLatin1(name), kSm);
    for (const auto &[k, v] : attrs)
        e.setAttribute(QString::fromLatin1(k), QString::fromLatin1(v));
    return e;
}
} // namespace

TEST(SmPhaseTest, EnableAsksForResumption)
{
    auto phase = SmPhase::enable();
    const PhaseStep start = phase.start();
    ASSERT_EQ(start.send.size(), 1);
    EXPECT_EQ(start.send[0].name(), QStringLiteral("enable"));
    EXPECT_EQ(start.send[0].namespaceUri(), kSm);
    EXPECT_EQ(start.send[0].attribute(QStringLiteral("resume")), QStringLiteral("true"));

    const PhaseStep s =
        phase.handle(sm("enabled", {{"id", "abc"}, {"resume", "1"}, {"max", "600"}}));
    EXPECT_EQ(s.kind, Kind::SmEnabled);
    EXPECT_EQ(s.smId, QStringLiteral("abc"));
    EXPECT_TRUE(s.smResumable);
    EXPECT_EQ(s.smMax.count(), 600);
}

TEST(SmPhaseTest, EnabledWithoutIdIsNotResumableAndHugeMaxIsCapped)
{
    auto a = SmPhase::enable();
    EXPECT_FALSE(a.handle(sm("enabled", {{"resume", "true"}})).smResumable);
    auto b = SmPhase::enable();
    const PhaseStep s =
        b.handle(sm("enabled", {{"id", "x"}, {"resume", "true"}, {"max", "999999999"}}));
    EXPECT_TRUE(s.smResumable);
    EXPECT_EQ(s.smMax.count(), 24 * 3600);
}

TEST(SmPhaseTest, ResumeSendsPrevidAndH)
{
    auto phase = SmPhase::resume(QStringLiteral("sess"), 4294967295u);
    const PhaseStep start = phase.start();
    ASSERT_EQ(start.send.size(), 1);
    EXPECT_EQ(start.send[0].name(), QStringLiteral("resume"));
    EXPECT_EQ(start.send[0].attribute(QStringLiteral("previd")), QStringLiteral("sess"));
    EXPECT_EQ(start.send[0].attribute(QStringLiteral("h")), QStringLiteral("4294967295"));

    const PhaseStep s = phase.handle(sm("resumed", {{"previd", "sess"}, {"h", "12"}}));
    EXPECT_EQ(s.kind, Kind::SmResumed);
    ASSERT_TRUE(s.smH.has_value());
    EXPECT_EQ(*s.smH, 12u);
}

TEST(SmPhaseTest, MalformedResumedIsABadAck)
{
    for (const auto &bad :
         {sm("resumed", {{"previd", "other"}, {"h", "1"}}),
          sm("resumed", {{"previd", "sess"}, {"h", "-1"}}), sm("resumed", {{"previd", "sess"}})}) {
        auto phase = SmPhase::resume(QStringLiteral("sess"), 0);
        const PhaseStep s = phase.handle(bad);
        EXPECT_EQ(s.kind, Kind::Fail);
        EXPECT_EQ(s.error.code, "xmpp.sm.bad_ack");
        EXPECT_TRUE(s.retry);
    }
}

TEST(SmPhaseTest, FailedCarriesHOnlyWhenValid)
{
    auto a = SmPhase::resume(QStringLiteral("sess"), 0);
    const PhaseStep withH = a.handle(sm("failed", {{"h", "3"}}));
    EXPECT_EQ(withH.kind, Kind::SmFailed);
    ASSERT_TRUE(withH.smH.has_value());
    EXPECT_EQ(*withH.smH, 3u);
    auto b = SmPhase::resume(QStringLiteral("sess"), 0);
    const PhaseStep junk = b.handle(sm("failed", {{"h", "lots"}}));
    EXPECT_EQ(junk.kind, Kind::SmFailed);
    EXPECT_FALSE(junk.smH.has_value());
    auto c = SmPhase::enable();
    EXPECT_EQ(c.handle(sm("failed", {})).kind, Kind::SmFailed);
}

TEST(SmPhaseTest, ResumedIsNotAnAnswerToEnableNorEnabledToResume)
{
    auto e = SmPhase::enable();
    EXPECT_EQ(e.handle(sm("resumed", {{"previd", "x"}, {"h", "0"}})).kind, Kind::Fail);
    auto r = SmPhase::resume(QStringLiteral("x"), 0);
    EXPECT_EQ(r.handle(sm("enabled", {{"id", "y"}})).kind, Kind::Fail);
    // Ordinary stanzas are left to the client.
    auto o = SmPhase::enable();
    EXPECT_EQ(o.handle(XmlElement(QStringLiteral("message"))).kind, Kind::Continue);
}
