#pragma once

#include "xmpp/Jid.h"
#include "xmpp/PhaseStep.h"

namespace imp::xmpp {

// After the stream restart: bind our resource (the device id), then, only for servers that
// still require it, the legacy RFC 3921 session.
class BindPhase {
public:
    BindPhase(QString resource, Jid expectedBare);

    PhaseStep handle(const XmlElement &stanza);

private:
    enum class Step { AwaitFeatures, AwaitBind, AwaitSession } m_step = Step::AwaitFeatures;
    QString m_resource;
    Jid m_expectedBare;
    bool m_sessionRequired = false;
    QString m_boundJid;
};

} // namespace imp::xmpp
