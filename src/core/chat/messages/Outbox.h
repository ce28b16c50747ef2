#pragma once

#include "chat/Message.h"
#include "chat/messages/OutboxEntry.h"
#include "chat/messages/UploadStage.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <optional>
#include <vector>

namespace imp::xmpp {
class XmlElement;
}

namespace imp::chat::messages {

struct MessageContext;

// What the user composed and the server has not acknowledged, so that nothing is lost offline or
// across a restart (DESIGN.md §2). The outbox table is the only truth: each entry remembers the
// session it was last sent in, so what is in flight is derived from the table, and a fresh
// session resends exactly the entries it has not sent yet. Everything composed in one event-loop
// turn is stored in one transaction, with the message the user sees.
class Outbox : public QObject {
    Q_OBJECT
public:
    explicit Outbox(MessageContext &context, QObject *parent = nullptr);

    // Reads how many entries wait; call once.
    void start();
    void enqueue(OutboxEntry entry, std::optional<Message> shown);

    // A fresh session: nothing of the previous one will be retransmitted by the server. Sending
    // waits for release(), so that the archive can first say what the server already stored.
    void beginSession();
    void release();
    // The server has these (an XEP-0198 ack, or our own message found in the archive).
    struct Sent {
        QString peer;
        QString originId;
    };
    void confirm(const QList<Sent> &sent);
    void onAcked(const xmpp::XmlElement &stanza);

    // The user asks again for an attachment whose upload failed.
    void retryUpload(const QString &peer, const QString &originId);
    UploadStage &uploads() { return m_uploads; }

    // Conversations whose messages go another way than one-to-one chat (groups). `owns` is
    // pure (it runs on the database thread too). Their entries wait until setReady() names
    // their peer (a group: joined and caught up), and their server acknowledgement does not
    // make them Sent: the route confirms them (the room's reflection) with confirm().
    struct Route {
        std::function<bool(const QString &peer)> owns;
        std::function<xmpp::XmlElement(const OutboxEntry &entry)> encode;
    };
    void setRoute(Route route);
    // The route's peers that may be sent to now; what waited for them goes.
    void setReady(QSet<QString> peers);
    using Held = std::function<bool(const QString &peer)>;

    // What one pass over the table sends now and uploads first.
    struct Plan {
        std::vector<OutboxEntry> toSend;
        std::vector<OutboxEntry> toUpload;
    };

    // Entries waiting, including those still being written.
    int pendingCount() const { return m_pending + static_cast<int>(m_toStore.size()) + m_storing; }

signals:
    void stored(const QList<imp::chat::Message> &shown);
    void messageChanged(const imp::chat::Message &message);
    // composedMs: when it was written in this run (0 when composed before a restart).
    void acked(const QString &peer, const QString &originId, qint64 composedMs);
    void pendingChanged(int pending);
    void storageError(const QString &code);
    void uploadProgress(const QString &peer, const QString &originId, qint64 done, qint64 total);
    // Given up (too large, over the quota, or still failing after retries): the user may retry.
    void uploadFailed(const QString &peer, const QString &originId, const QString &code);

private:
    struct Composed {
        OutboxEntry entry;
        std::optional<Message> shown;
    };
    void storeComposed();
    void flush();
    void sendAll(const std::vector<OutboxEntry> &entries);
    void carryOut(const Plan &plan);
    void settleUpload(const OutboxEntry &entry, const QString &failure);
    void writeAttachment(const OutboxEntry &entry,
                         std::function<void(const std::optional<Message> &)> then);
    qint64 sendingSession() const;
    // Which entries wait for their route, as a snapshot the database thread can call.
    Held waiting() const;

    MessageContext &m_context;
    std::vector<Composed> m_toStore;
    QTimer m_storeTimer;
    int m_storing = 0;
    int m_pending = 0;
    qint64 m_session = 0; // 0 = no session yet
    bool m_held = true;
    bool m_started = false;
    // When what was composed in this run was written, for the ack delay only (not the outbox);
    // an ack is announced at once for these, and the rest after the table says what it held.
    QHash<QString, qint64> m_composedMs;
    QSet<QString> m_announced;
    UploadStage m_uploads;
    Route m_route;
    QSet<QString> m_ready;
};

} // namespace imp::chat::messages
