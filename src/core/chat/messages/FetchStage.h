#pragma once

#include "chat/messages/InboundStage.h"
#include "common/Result.h"

#include <QHash>
#include <QObject>

namespace imp::chat::messages {

struct MessageContext;

// The inbound step after notify for attachments: voice notes and photos are fetched at once
// (in the background; the message is stored and acknowledged already), files when the user
// asks. The fetched copy is sealed in the media library and the message's row says so; a
// failure is kept on the row, so the bubble can say why and a tap retries.
class FetchStage : public QObject, public InboundStage {
    Q_OBJECT
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;
    // Downloads the attachment and returns it with its fileId (sealed, size and hash checked).
    using Fetch = std::function<void(const Attachment &attachment, Progress progress,
                                     std::function<void(Result<Attachment>)> done)>;
    // What is fetched without asking: voice and photos up to this size.
    static constexpr qint64 AutoFetchLimit = 25LL << 20;

    explicit FetchStage(MessageContext &context, QObject *parent = nullptr);
    void setFetch(Fetch fetch) { m_fetch = std::move(fetch); }

    const char *name() const override { return "fetch"; }
    void run(InboundBatch &batch, std::function<void(bool)> next) override;

    // The user's tap on a file, or a retry.
    void fetch(const Message &message);
    // The unplayed dot of a voice note goes (kept on the row, so it stays gone).
    void markPlayed(const Message &message);
    bool running(qint64 messageId) const { return m_running.contains(messageId); }
    int runningCount() const { return int(m_running.size()); }

    static bool fetchesByItself(const Attachment &attachment);

signals:
    void messageChanged(const imp::chat::Message &message);
    void progress(const QString &peer, qint64 messageId, qint64 done, qint64 total);
    // A fetch started or ended (and its row was written).
    void runningChanged(int running);

private:
    void settle(const Message &message, Result<Attachment> result);
    void write(qint64 messageId, std::function<void(Attachment &)> change,
               std::function<void()> then = {});

    MessageContext &m_context;
    Fetch m_fetch;
    QHash<qint64, bool> m_running;
};

} // namespace imp::chat::messages
