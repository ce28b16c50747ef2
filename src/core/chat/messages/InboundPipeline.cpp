#include "chat/messages/InboundPipeline.h"

#include "common/Log.h"

#include <QPointer>

namespace imp::chat::messages {

InboundPipeline::InboundPipeline(QObject *parent)
    : QObject(parent)
{}

InboundPipeline::~InboundPipeline() = default;

void InboundPipeline::append(std::unique_ptr<InboundStage> stage)
{
    m_stages.push_back(std::move(stage));
}

void InboundPipeline::submit(InboundBatch batch, Done done)
{
    step(std::make_shared<InboundBatch>(std::move(batch)), 0,
         std::make_shared<Done>(std::move(done)));
}

void InboundPipeline::step(std::shared_ptr<InboundBatch> batch, size_t index,
                           std::shared_ptr<Done> done)
{
    if (index >= m_stages.size()) {
        (*done)(*batch, true);
        return;
    }
    QPointer<InboundPipeline> self(this);
    m_stages[index]->run(*batch, [self, batch, index, done](bool go) {
        if (!self)
            return;
        if (!go) {
            IMP_LOG_DEBUG("inbound: batch stopped at {}", self->m_stages[index]->name());
            (*done)(*batch, false);
            return;
        }
        self->step(batch, index + 1, done);
    });
}

} // namespace imp::chat::messages
