#include "xmpp/BindPhase.h"

#include "xmpp/XmlStreamParser.h"

namespace imp::xmpp {

namespace {
const QString kBindId = QStringLiteral("imp-bind");
const QString kSessionId = QStringLiteral("imp-session");

bool isReplyTo(const XmlElement &s, const QString &id)
{
    // During negotiation only the server talks to us; replies to our own account carry no
    // from (or our own JID), never a third party's.
    return s.name() == QLatin1String("iq") && s.attribute(QStringLiteral("id")) == id &&
           (s.attribute(QStringLiteral("type")) == QLatin1String("result") ||
            s.attribute(QStringLiteral("type")) == QLatin1String("error"));
}
} // namespace

BindPhase::BindPhase(QString resource, Jid expectedBare)
    : m_resource(std::move(resource))
    , m_expectedBare(std::move(expectedBare))
{}

PhaseStep BindPhase::handle(const XmlElement &stanza)
{
    switch (m_step) {
    case Step::AwaitFeatures: {
        if (stanza.name() != QLatin1String("features") || stanza.namespaceUri() != kStreamNamespace)
            return PhaseStep::failure("xmpp.unexpected", "expected stream features");
        if (!stanza.hasChild(QStringLiteral("bind"), ns::Bind))
            return PhaseStep::failure("xmpp.bind_failed", "server offers no resource binding");
        const XmlElement session = stanza.firstChild(QStringLiteral("session"), ns::Session);
        m_sessionRequired = !session.isNull() && !session.hasChild(QStringLiteral("optional"));
        XmlElement iq(QStringLiteral("iq"));
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
        iq.setAttribute(QStringLiteral("id"), kBindId);
        XmlElement bind(QStringLiteral("bind"), ns::Bind);
        if (!m_resource.isEmpty())
            bind.addChild(XmlElement(QStringLiteral("resource")).setText(m_resource));
        iq.addChild(std::move(bind));
        m_step = Step::AwaitBind;
        return PhaseStep::sending(std::move(iq));
    }
    case Step::AwaitBind: {
        if (!isReplyTo(stanza, kBindId))
            return PhaseStep::failure("xmpp.unexpected", "expected the bind reply");
        if (stanza.attribute(QStringLiteral("type")) == QLatin1String("error")) {
            const bool conflict = stanza.firstChild(QStringLiteral("error"))
                                      .hasChild(QStringLiteral("conflict"), ns::Stanzas);
            return PhaseStep::failure(conflict ? "xmpp.conflict" : "xmpp.bind_failed",
                                      "server refused the resource", !conflict);
        }
        const QString jidText = stanza.firstChild(QStringLiteral("bind"), ns::Bind)
                                    .firstChild(QStringLiteral("jid"))
                                    .text()
                                    .trimmed();
        const Jid jid(jidText);
        // The server may change the resource, never the account.
        if (jid.isBare() || jid.bare() != m_expectedBare)
            return PhaseStep::failure("xmpp.bind_failed", "bound JID is not our account");
        m_boundJid = jid.toString();
        if (!m_sessionRequired) {
            PhaseStep done = PhaseStep::of(PhaseStep::Kind::Online);
            done.boundJid = m_boundJid;
            return done;
        }
        XmlElement iq(QStringLiteral("iq"));
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
        iq.setAttribute(QStringLiteral("id"), kSessionId);
        iq.addChild(XmlElement(QStringLiteral("session"), ns::Session));
        m_step = Step::AwaitSession;
        return PhaseStep::sending(std::move(iq));
    }
    case Step::AwaitSession: {
        if (!isReplyTo(stanza, kSessionId) ||
            stanza.attribute(QStringLiteral("type")) != QLatin1String("result"))
            return PhaseStep::failure("xmpp.session_failed", "session establishment failed", true);
        PhaseStep done = PhaseStep::of(PhaseStep::Kind::Online);
        done.boundJid = m_boundJid;
        return done;
    }
    }
    return PhaseStep::failure("xmpp.unexpected", "unreachable");
}

} // namespace imp::xmpp
