#pragma once

#include "xmpp/PhaseStep.h"
#include "xmpp/ScramClient.h"

#include <memory>

namespace imp::xmpp {

// SASL over TLS: SCRAM-SHA-256 when offered, else SCRAM-SHA-1. PLAIN (and anything else that
// would hand the password to the server) is never used. Payloads are never logged.
class SaslPhase {
public:
    SaslPhase(QString username, QString password);

    PhaseStep handle(const XmlElement &stanza);

private:
    QString m_username;
    QString m_password;
    std::unique_ptr<ScramClient> m_scram;
    bool m_challenged = false;
};

} // namespace imp::xmpp
