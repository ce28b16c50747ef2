#pragma once

#include "chat/Conversation.h"
#include "chat/Message.h"
#include "common/Result.h"
#include "xmpp/ChatMessage.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>
#include <optional>

namespace imp::xmpp {
class XmlElement;
struct Forwarded;
} // namespace imp::xmpp

namespace imp::chat {

class AccountService;
class Keyring;
class Profile;
struct OutboxPayload;

// One-to-one text messages: the outbox, delivery states, receipts and markers, typing, recall,
// carbons, MAM catch-up, and the encrypted history. Messages are stored before they are
// acknowledged to the server (XEP-0198 h), and sent through a persistent outbox so that nothing
// composed is lost offline or across a restart; duplicates (by stanza id and origin id) are
// dropped. Lives on the UI thread; the disk work runs on the profile's database thread.
class MessageService : public QObject {
    Q_OBJECT

public:
    // Where a page of history starts: the (time, id) of the oldest message already shown.
    struct Cursor {
        qint64 ts = 0;
        qint64 id = 0;
    };
    static constexpr int RecallWindowSeconds = 120;

    MessageService(std::shared_ptr<Profile> profile, AccountService &account,
                   QObject *parent = nullptr);
    ~MessageService() override;

    // Loads the outbox and hooks into the XMPP session; call once after the account loaded.
    void start();

    QFuture<Result<QList<Conversation>>> conversations();
    // Newest first: up to `limit` messages older than `before` (the newest when nullopt).
    QFuture<Result<QList<Message>>> page(const QString &peer, std::optional<Cursor> before,
                                         int limit);
    // Like page(), but while this device has fewer than `limit` older messages it asks the
    // server's archive (MAM, `with` the peer) for the page before the oldest one it has and
    // reads again: scroll-back beyond what was synced, up to the archive's start.
    QFuture<Result<QList<Message>>> pageWithHistory(const QString &peer,
                                                    std::optional<Cursor> before, int limit);
    // One page (50..250, as `wanted` asks) of older history of a chat from the server's
    // archive; done(added, complete).
    void fetchOlder(const QString &peer, int wanted, std::function<void(Result<int>, bool)> done);
    // Messages of the conversation whose text contains `needle` (case-insensitive), newest
    // first. Decrypts page by page on the database thread.
    QFuture<Result<QList<Message>>> search(const QString &peer, const QString &needle,
                                           int limit = 200);

    // Stores history in batched transactions (1,000 messages each), dropping duplicates by
    // stanza id and origin id, and updates the conversations; the same path as a MAM
    // catch-up, for imports and benchmarks. Returns how many were new.
    QFuture<Result<int>> ingestHistory(const QList<Message> &messages);

    // Stores the message as Sending (messageAdded), puts it in the outbox and sends it when
    // online. Empty/whitespace-only text is refused (false); so is text over MaxBodyLength.
    static constexpr int MaxBodyLength = 20000;
    bool send(const QString &peer, const QString &text);
    // Recalls an own message sent less than RecallWindowSeconds ago: both sides show it as
    // recalled. Errors: chat.recall_too_late, chat.not_found, chat.not_own.
    void recall(const QString &peer, qint64 messageId, std::function<void(Result<void>)> done);
    // Deletes one message from this device only.
    void deleteLocally(const QString &peer, qint64 messageId);
    // The user has seen the conversation: unread = 0 and a read marker for the newest
    // incoming message.
    void markRead(const QString &peer);
    // Chat states (XEP-0085): composing while the user types, paused/active after.
    void setComposing(const QString &peer, bool composing);
    void setPinned(const QString &peer, bool pinned);
    // Titles for conversations come from ContactService (nickname / IMpTech ID).
    void setTitle(const QString &peer, const QString &title);

    // Messages in the outbox (composed, not yet acknowledged by the server), including those
    // still being written to it.
    int pendingCount() const { return static_cast<int>(m_outboxOrder.size()) + m_storing; }
    bool syncing() const { return m_syncing; }
    // Messages the current (or last) history catch-up brought in.
    int syncedCount() const { return m_syncDone; }

signals:
    void messageAdded(const imp::chat::Message &message);   // stored (new)
    void messageChanged(const imp::chat::Message &message); // state or recall changed
    void messageRemoved(const QString &peer, qint64 id);
    void conversationChanged(const imp::chat::Conversation &conversation);
    void typingChanged(const QString &peer, bool typing);
    // History catch-up through MAM: done of total (total -1 when unknown).
    void syncProgress(int done, int total);
    void syncFinished();
    // The store refused a write (code store.full, ...): nothing is acknowledged to the server
    // until it is stored, so nothing is lost; the user is warned.
    void storageError(const QString &code);
    // Incoming messages are stored again after a storageError (there is room again).
    void storageRecovered();
    void outboxChanged(int pending);
    // The server acknowledged an own message (XEP-0198): it is no longer only on this device.
    // composedMs is when it was written (0 if it was composed before a restart).
    void messageAcked(const QString &peer, const QString &originId, qint64 composedMs);

private:
    struct OutboxItem;
    struct Composed;
    struct Incoming;
    struct PendingRetract {
        QString peer;
        QString sender;
        QString originId;
    };

    QString ownJid() const;
    void onSessionStarted(bool resumed);
    void onStanza(const xmpp::XmlElement &stanza);
    void onAcked(const xmpp::XmlElement &stanza);
    void handleArchived(const xmpp::Forwarded &forwarded, std::vector<Incoming> &batch);
    void flushIncoming();
    // Stores a batch in one transaction, then acknowledges it to the server (XEP-0198), sends
    // the receipts asked for, and announces what is new. after(new count), -1 when the disk
    // refused.
    void storeIncoming(std::vector<Incoming> batch, std::function<void(int)> after);
    void enqueue(const OutboxPayload &payload, std::optional<Message> shown);
    void storeComposed();
    void flushOutbox();
    void startCatchUp();
    void requestArchivePage(const QString &after, bool newestOnly);
    void endCatchUp();
    void applyReceipt(const QString &peer, const QString &messageId, Message::State state);
    void applyRetract(const QString &peer, const QString &sender, const QString &originId);
    void applyPendingRetracts();
    void clearUnread(const QString &peer);
    void refreshConversation(const QString &peer);
    void sendChatState(const QString &peer, xmpp::ChatMessage::ChatState state);
    void setPeerTyping(const QString &peer, bool typing);

    std::shared_ptr<Profile> m_profile;
    AccountService &m_account;
    std::shared_ptr<Keyring> m_keys; // shared with database-thread tasks
    bool m_started = false;
    int m_storing = 0; // outbox writes under way
    std::vector<Composed> m_toStore;
    QTimer m_storeTimer;
    // The outbox, mirrored on the UI thread in composing order (origin ids).
    std::vector<QString> m_outboxOrder;
    QHash<QString, OutboxItem> m_outbox;
    QSet<QString> m_inFlight; // sent in the current session, not yet acknowledged
    // Live messages are batched per event-loop turn: one transaction per burst.
    std::vector<Incoming> m_liveQueue;
    QTimer m_incomingTimer;
    QTimer m_catchUpRetry; // after live messages could not be stored
    bool m_incomingStoreFailing = false;
    // History catch-up (MAM).
    bool m_syncing = false;
    bool m_catchUpComplete = false;
    int m_syncDone = 0;
    int m_syncTotal = -1;
    QHash<QString, std::vector<Incoming>> m_mamBatches; // by MAM query id
    QSet<QString> m_archiveExhausted;                   // chats whose archive start we reached
    QHash<QString, QString> m_olderFrom; // per chat: archive id scroll-back continues before
    std::vector<PendingRetract> m_pendingRetracts;
    struct PendingReceipt {
        QString peer;
        QString messageId;
        Message::State state;
    };
    std::vector<PendingReceipt> m_pendingReceipts;
    // Typing (XEP-0085): ours and theirs.
    QString m_composingPeer;
    QTimer m_composingTimer;
    QHash<QString, QTimer *> m_typingTimers;
    QHash<QString, QString> m_titles;
};

} // namespace imp::chat
