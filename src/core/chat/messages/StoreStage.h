#pragma once

#include "chat/messages/InboundStage.h"

#include <QObject>
#include <QString>

namespace imp::chat::messages {

struct MessageContext;

// Seals and stores the batch in one transaction with its conversation rows (through the
// ledger), marking each message new or already stored. Nothing is acknowledged to the server
// before this: a disk that refuses stops the batch, and the server keeps the messages.
class StoreStage : public QObject, public InboundStage {
    Q_OBJECT
public:
    explicit StoreStage(MessageContext &context, QObject *parent = nullptr);

    const char *name() const override { return "store"; }
    void run(InboundBatch &batch, std::function<void(bool)> next) override;

signals:
    // The store refused (code store.full, ...); the user is warned, nothing is lost.
    void failed(const QString &code);
    // Incoming messages are stored again after a failure.
    void recovered();

private:
    MessageContext &m_context;
    bool m_failing = false;
};

} // namespace imp::chat::messages
