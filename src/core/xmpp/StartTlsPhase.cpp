#include "xmpp/StartTlsPhase.h"

#include "xmpp/XmlStreamParser.h"

namespace imp::xmpp {

PhaseStep StartTlsPhase::handle(const XmlElement &stanza)
{
    if (!m_requested && stanza.name() == QLatin1String("features") &&
        stanza.namespaceUri() == kStreamNamespace) {
        if (!stanza.hasChild(QStringLiteral("starttls"), ns::Tls))
            return PhaseStep::failure("tls.not_offered", "server did not offer STARTTLS");
        m_requested = true;
        return PhaseStep::sending(XmlElement(QStringLiteral("starttls"), ns::Tls));
    }
    if (m_requested && stanza.namespaceUri() == ns::Tls) {
        if (stanza.name() == QLatin1String("proceed"))
            return PhaseStep::of(PhaseStep::Kind::StartTls);
        return PhaseStep::failure("tls.failed", "server refused STARTTLS");
    }
    return PhaseStep::failure("tls.not_offered", "unexpected stanza before TLS");
}

} // namespace imp::xmpp
