#include "chat/messages/DeduplicateStage.h"

#include <QSet>

namespace imp::chat::messages {

void DeduplicateStage::run(InboundBatch &batch, std::function<void(bool)> next)
{
    QSet<QString> seen;
    for (auto &item : batch.items) {
        if (item.dropped)
            continue;
        const Message &m = item.message;
        const QString conversation = m.peer + QLatin1Char('\n');
        const QString identity =
            !m.originId.isEmpty()
                ? conversation + QStringLiteral("o:") + m.originId
                : conversation + QStringLiteral("s:") + m.sender + QLatin1Char('/') + m.stanzaId;
        const QString archived =
            m.archiveId.isEmpty() ? QString() : conversation + QStringLiteral("a:") + m.archiveId;
        const bool hasIdentity = !m.originId.isEmpty() || !m.stanzaId.isEmpty();
        if ((hasIdentity && seen.contains(identity)) ||
            (!archived.isEmpty() && seen.contains(archived))) {
            item.dropped = true;
            continue;
        }
        if (hasIdentity)
            seen.insert(identity);
        if (!archived.isEmpty())
            seen.insert(archived);
    }
    next(true);
}

} // namespace imp::chat::messages
