#pragma once

#include "xmpp/PhaseStep.h"

namespace imp::xmpp {

// Plaintext phase on the c2s port: the only things we ever send here are the stream header
// and <starttls/>. A server (or a proxy) that does not offer STARTTLS ends the connection.
class StartTlsPhase {
public:
    PhaseStep handle(const XmlElement &stanza);

private:
    bool m_requested = false;
};

} // namespace imp::xmpp
