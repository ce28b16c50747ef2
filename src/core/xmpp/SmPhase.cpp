#include "xmpp/SmPhase.h"

#include "xmpp/Namespaces.h"
#include "xmpp/StreamManagement.h"

namespace imp::xmpp {

namespace {
// The server's session lifetime is only advisory; bound it so a hostile value is harmless.
constexpr int kMaxResumeSeconds = 24 * 3600;
} // namespace

SmPhase SmPhase::enable()
{
    return SmPhase{};
}

SmPhase SmPhase::resume(const QString &previd, quint32 h)
{
    SmPhase p;
    p.m_resume = true;
    p.m_previd = previd;
    p.m_h = h;
    return p;
}

PhaseStep SmPhase::start() const
{
    if (m_resume) {
        XmlElement r(QStringLiteral("resume"), ns::Sm);
        r.setAttribute(QStringLiteral("previd"), m_previd);
        r.setAttribute(QStringLiteral("h"), QString::number(m_h));
        return PhaseStep::sending(std::move(r));
    }
    XmlElement e(QStringLiteral("enable"), ns::Sm);
    e.setAttribute(QStringLiteral("resume"), QStringLiteral("true"));
    return PhaseStep::sending(std::move(e));
}

PhaseStep SmPhase::handle(const XmlElement &stanza)
{
    if (stanza.namespaceUri() != ns::Sm || m_done)
        return PhaseStep{}; // the client decides what to do with ordinary stanzas meanwhile
    const QString name = stanza.name();
    if (name == QLatin1String("failed")) {
        m_done = true;
        PhaseStep s = PhaseStep::of(PhaseStep::Kind::SmFailed);
        quint32 h = 0;
        if (StreamManagement::parseH(stanza.attribute(QStringLiteral("h")), h))
            s.smH = h;
        return s;
    }
    if (!m_resume && name == QLatin1String("enabled")) {
        m_done = true;
        PhaseStep s = PhaseStep::of(PhaseStep::Kind::SmEnabled);
        s.smId = stanza.attribute(QStringLiteral("id"));
        const QString resume = stanza.attribute(QStringLiteral("resume"));
        s.smResumable =
            !s.smId.isEmpty() && (resume == QLatin1String("true") || resume == QLatin1String("1"));
        bool ok = false;
        const int max = stanza.attribute(QStringLiteral("max")).toInt(&ok);
        s.smMax = std::chrono::seconds(ok && max > 0 ? std::min(max, kMaxResumeSeconds) : 0);
        return s;
    }
    if (m_resume && name == QLatin1String("resumed")) {
        m_done = true;
        quint32 h = 0;
        if ((stanza.hasAttribute(QStringLiteral("previd")) &&
             stanza.attribute(QStringLiteral("previd")) != m_previd) ||
            !StreamManagement::parseH(stanza.attribute(QStringLiteral("h")), h))
            return PhaseStep::failure("xmpp.sm.bad_ack", "malformed <resumed/>", true);
        PhaseStep s = PhaseStep::of(PhaseStep::Kind::SmResumed);
        s.smH = h;
        return s;
    }
    // <r/> before the answer is legal (nothing counted yet); anything else is not.
    if (name == QLatin1String("r") || name == QLatin1String("a"))
        return PhaseStep{};
    return PhaseStep::failure("xmpp.unexpected", "unexpected stream management element", true);
}

} // namespace imp::xmpp
