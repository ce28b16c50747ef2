#pragma once

#include "xmpp/PhaseStep.h"

namespace imp::xmpp {

// XEP-0198 negotiation on an authenticated stream: either <enable resume='true'/> after bind,
// or <resume previd h/> instead of bind. start() gives the request; handle() turns the
// server's answer into SmEnabled / SmResumed / SmFailed.
class SmPhase {
public:
    static SmPhase enable();
    static SmPhase resume(const QString &previd, quint32 h);

    PhaseStep start() const;
    PhaseStep handle(const XmlElement &stanza);

    bool isResume() const { return m_resume; }

private:
    SmPhase() = default;

    bool m_resume = false;
    QString m_previd;
    quint32 m_h = 0;
    bool m_done = false;
};

} // namespace imp::xmpp
