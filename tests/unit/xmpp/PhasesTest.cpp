// The negotiation phases, driven with plain stanzas (no socket).
#include "xmpp/BindPhase.h"
#include "xmpp/SaslPhase.h"
#include "xmpp/StartTlsPhase.h"
#include "xmpp/XmlStreamParser.h"

#include <gtest/gtest.h>

using namespace imp::xmpp;
using Kind = PhaseStep::Kind;

namespace {
XmlElement features()
{
    return XmlElement(QStringLiteral("features"), kStreamNamespace);
}

XmlElement mechanisms(QStringList names)
{
    XmlElement f = features();
    XmlElement m(QStringLiteral("mechanisms"), ns::Sasl);
    for (const auto &n : names)
        m.addChild(XmlElement(QStringLiteral("mechanism"), ns::Sasl).setText(n));
    f.addChild(m);
    return f;
}
} // namespace

TEST(StartTlsPhaseTest, RequestsTlsOrFailsWhenNotOffered)
{
    StartTlsPhase p;
    XmlElement f = features();
    f.addChild(XmlElement(QStringLiteral("starttls"), ns::Tls));
    auto step = p.handle(f);
    EXPECT_EQ(step.kind, Kind::Continue);
    ASSERT_EQ(step.send.size(), 1);
    EXPECT_EQ(step.send[0].toXml(ns::Client),
              QStringLiteral("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"));
    EXPECT_EQ(p.handle(XmlElement(QStringLiteral("proceed"), ns::Tls)).kind, Kind::StartTls);

    StartTlsPhase stripped;
    auto fail = stripped.handle(mechanisms({QStringLiteral("PLAIN")}));
    EXPECT_EQ(fail.kind, Kind::Fail);
    EXPECT_EQ(fail.error.code, "tls.not_offered");
    EXPECT_TRUE(fail.send.isEmpty());
    EXPECT_FALSE(fail.retry);
}

TEST(SaslPhaseTest, PrefersSha256AndNeverPlain)
{
    SaslPhase p(QStringLiteral("u"), QStringLiteral("pw"));
    auto step = p.handle(mechanisms(
        {QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-1"), QStringLiteral("SCRAM-SHA-256")}));
    ASSERT_EQ(step.send.size(), 1);
    EXPECT_EQ(step.send[0].attribute(QStringLiteral("mechanism")), QStringLiteral("SCRAM-SHA-256"));

    SaslPhase sha1(QStringLiteral("u"), QStringLiteral("pw"));
    step = sha1.handle(mechanisms({QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-1")}));
    ASSERT_EQ(step.send.size(), 1);
    EXPECT_EQ(step.send[0].attribute(QStringLiteral("mechanism")), QStringLiteral("SCRAM-SHA-1"));

    SaslPhase plainOnly(QStringLiteral("u"), QStringLiteral("pw"));
    step = plainOnly.handle(mechanisms({QStringLiteral("PLAIN"), QStringLiteral("DIGEST-MD5")}));
    EXPECT_EQ(step.kind, Kind::Fail);
    EXPECT_EQ(step.error.code, "auth.no_mechanism");
    EXPECT_TRUE(step.send.isEmpty());
}

TEST(SaslPhaseTest, NotAuthorizedIsAuthFailedWithoutRetry)
{
    SaslPhase p(QStringLiteral("u"), QStringLiteral("pw"));
    (void)p.handle(mechanisms({QStringLiteral("SCRAM-SHA-1")}));
    XmlElement failure(QStringLiteral("failure"), ns::Sasl);
    failure.addChild(XmlElement(QStringLiteral("not-authorized"), ns::Sasl));
    auto step = p.handle(failure);
    EXPECT_EQ(step.kind, Kind::Fail);
    EXPECT_EQ(step.error.code, "auth.failed");
    EXPECT_FALSE(step.retry);
}

TEST(SaslPhaseTest, SuccessWithoutChallengeIsRefused)
{
    SaslPhase p(QStringLiteral("u"), QStringLiteral("pw"));
    (void)p.handle(mechanisms({QStringLiteral("SCRAM-SHA-1")}));
    auto step = p.handle(XmlElement(QStringLiteral("success"), ns::Sasl));
    EXPECT_EQ(step.kind, Kind::Fail);
}

TEST(BindPhaseTest, BindsTheDeviceResourceAndChecksTheAccount)
{
    BindPhase p(QStringLiteral("dev-1"), Jid(QStringLiteral("me@imp.test")));
    XmlElement f = features();
    f.addChild(XmlElement(QStringLiteral("bind"), ns::Bind));
    auto step = p.handle(f);
    ASSERT_EQ(step.send.size(), 1);
    EXPECT_EQ(step.send[0].toXml(ns::Client),
              QStringLiteral("<iq type='set' id='imp-bind'><bind "
                             "xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>dev-1</resource>"
                             "</bind></iq>"));
    auto result = [](const QString &jid) {
        XmlElement iq(QStringLiteral("iq"), ns::Client);
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("result"));
        iq.setAttribute(QStringLiteral("id"), QStringLiteral("imp-bind"));
        XmlElement b(QStringLiteral("bind"), ns::Bind);
        b.addChild(XmlElement(QStringLiteral("jid"), ns::Bind).setText(jid));
        iq.addChild(b);
        return iq;
    };
    BindPhase copy = p;
    auto online = p.handle(result(QStringLiteral("me@imp.test/dev-1")));
    EXPECT_EQ(online.kind, Kind::Online);
    EXPECT_EQ(online.boundJid, QStringLiteral("me@imp.test/dev-1"));
    auto wrong = copy.handle(result(QStringLiteral("other@imp.test/dev-1")));
    EXPECT_EQ(wrong.kind, Kind::Fail);
}
