#pragma once

#include "chat/messages/InboundStage.h"

#include <QObject>
#include <memory>
#include <vector>

namespace imp::chat::messages {

// Received messages pass ordered stages (MessageService assembles them):
//   deduplicate → filter → store → confirm own → acknowledge → notify
// A new kind of message adds a stage or a codec; the stages do not know about each other.
// Batches keep their order: stages that wait do so on the database thread, which answers in
// the order it was asked.
class InboundPipeline : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const InboundBatch &batch, bool completed)>;

    explicit InboundPipeline(QObject *parent = nullptr);
    ~InboundPipeline() override;

    void append(std::unique_ptr<InboundStage> stage);
    void submit(InboundBatch batch, Done done);

private:
    void step(std::shared_ptr<InboundBatch> batch, size_t index, std::shared_ptr<Done> done);

    std::vector<std::unique_ptr<InboundStage>> m_stages;
};

} // namespace imp::chat::messages
