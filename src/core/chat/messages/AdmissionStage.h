#pragma once

#include "chat/messages/InboundStage.h"

namespace imp::chat::messages {

// Who may reach this user: blocked senders and, in minors' mode, strangers are refused (the
// rule comes from contacts, wired by ChatSession). Refused messages are acknowledged and not
// stored: the server must not deliver them again. Our own messages always pass.
class AdmissionStage : public InboundStage {
public:
    using Admit = std::function<bool(const QString &peer)>;

    const char *name() const override { return "filter"; }
    void setRule(Admit admit) { m_admit = std::move(admit); }
    void run(InboundBatch &batch, std::function<void(bool)> next) override;

private:
    Admit m_admit;
};

} // namespace imp::chat::messages
