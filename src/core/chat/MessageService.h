#pragma once

#include "chat/Conversation.h"
#include "chat/Message.h"
#include "chat/messages/FetchStage.h"
#include "chat/messages/LocalHistory.h"
#include "chat/messages/Recall.h"
#include "chat/messages/UploadStage.h"
#include "common/Result.h"

#include <QFuture>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

namespace imp::xmpp {
class Jid;
class StanzaChannel;
class XmlElement;
} // namespace imp::xmpp

namespace imp::chat {

class AccountService;
class Keyring;
class Profile;

namespace messages {
struct ChatEvent;
struct InboundBatch;
struct MessageContext;
class AdmissionStage;
class ChatStates;
class ConversationLedger;
class DeliveryTracker;
class HistoryRanges;
class HistorySync;
class InboundPipeline;
class Outbox;
class ScrollBack;
} // namespace messages

// One-to-one messages, in front of the parts in chat/messages (see the README's diagram): what
// the app and imptech-cli call and observe. It routes each received stanza through the codec
// to the inbound pipeline, the archive sync, delivery states, recalls or chat states, and
// sends through the outbox. Lives on the UI thread; disk work runs on the database thread.
class MessageService : public QObject {
    Q_OBJECT

public:
    using Cursor = messages::LocalHistory::Cursor;
    static constexpr int RecallWindowSeconds = messages::Recall::WindowSeconds;
    // Text over this many UTF-16 units is refused by send().
    static constexpr int MaxBodyLength = 20000;

    MessageService(std::shared_ptr<Profile> profile, xmpp::StanzaChannel &channel,
                   std::function<QString()> ownBareJid, QObject *parent = nullptr);
    // The account's XMPP session and JID.
    MessageService(std::shared_ptr<Profile> profile, AccountService &account,
                   QObject *parent = nullptr);
    ~MessageService() override;

    // Loads the outbox and hooks into the XMPP session; call once after the account loaded.
    void start();

    QFuture<Result<QList<Conversation>>> conversations();
    // Newest first: up to `limit` messages older than `before` (the newest when nullopt).
    QFuture<Result<QList<Message>>> page(const QString &peer, std::optional<Cursor> before,
                                         int limit);
    // Like page(), and scrolls back into the server's archive while this device has fewer.
    QFuture<Result<QList<Message>>> pageWithHistory(const QString &peer,
                                                    std::optional<Cursor> before, int limit);
    // One page (50..250) of older history of a chat from the archive; done(added, complete).
    void fetchOlder(const QString &peer, int wanted, std::function<void(Result<int>, bool)> done);
    QFuture<Result<QList<Message>>> search(const QString &peer, const QString &needle,
                                           int limit = 200);
    // Stores history (imports, benchmarks) in transactions of 1,000, dropping duplicates.
    QFuture<Result<int>> ingestHistory(const QList<Message> &messages);

    // Stores the message as Sending (messageAdded), puts it in the outbox and sends it when
    // online. Empty/whitespace-only text is refused (false); so is text over MaxBodyLength.
    bool send(const QString &peer, const QString &text);
    // Stores an attachment whose bytes are sealed in the media library (fileId) as Sending,
    // uploads it and sends it, through the outbox like text (in order with it, across
    // restarts). False without a fileId or a kind.
    bool sendAttachment(const QString &peer, const Attachment &attachment);
    void retryUpload(const QString &peer, const QString &originId);
    // How attachments are uploaded (ChatSession sets it; without one they fail).
    void setUpload(messages::UploadStage::Upload upload);
    messages::UploadStage &uploads();
    // How attachments are fetched (ChatSession sets it). Voice and photos come by themselves;
    // download() is the user's tap on a file, or a retry.
    void setFetch(messages::FetchStage::Fetch fetch);
    void download(const Message &message);
    // A voice note was played: its unplayed dot goes.
    void markPlayed(const Message &message);
    // Attachments being fetched now.
    int fetchingCount() const;
    // Errors: chat.recall_too_late, chat.not_found, chat.not_own.
    void recall(const QString &peer, qint64 messageId, std::function<void(Result<void>)> done);
    void deleteLocally(const QString &peer, qint64 messageId);
    void markRead(const QString &peer);
    void setComposing(const QString &peer, bool composing);
    void setPinned(const QString &peer, bool pinned);
    // Conversation titles (nickname / IMpTech ID), from contacts.
    void setTitle(const QString &peer, const QString &title);
    // Who may reach this user (blocked senders, minors' rules); everyone when unset.
    void setAdmission(std::function<bool(const QString &peer)> admit);

    // Addresses another service handles (groups): what comes from them, directly or through
    // our archive and carbons, is not one-to-one chat's; reading them sends no markers and
    // writing in them no typing notices.
    void setForeign(std::function<bool(const QString &jid)> foreign);
    // The parts other conversation kinds share (the groups service stores through the same
    // store, ledger and outbox); a message they stored is announced with added().
    messages::MessageContext &context() { return *m_context; }
    messages::Outbox &outbox() { return *m_outbox; }
    void added(const Message &message) { emit messageAdded(message); }

    int pendingCount() const;
    bool syncing() const;
    int syncedCount() const;

signals:
    void messageAdded(const imp::chat::Message &message);   // stored (new)
    void messageChanged(const imp::chat::Message &message); // state or recall changed
    void messageRemoved(const QString &peer, qint64 id);
    void conversationChanged(const imp::chat::Conversation &conversation);
    void typingChanged(const QString &peer, bool typing);
    void syncProgress(int done, int total);
    void syncFinished();
    // The store refused a write (store.full, ...): nothing is acknowledged to the server until
    // it is stored, so nothing is lost; the user is warned.
    void storageError(const QString &code);
    void storageRecovered();
    void outboxChanged(int pending);
    // The server acknowledged an own message: composedMs is when it was written in this run
    // (0 if it was composed before a restart).
    void messageAcked(const QString &peer, const QString &originId, qint64 composedMs);
    void uploadProgress(const QString &peer, const QString &originId, qint64 done, qint64 total);
    void uploadFailed(const QString &peer, const QString &originId, const QString &code);
    void downloadProgress(const QString &peer, qint64 messageId, qint64 done, qint64 total);
    void fetchingChanged(int fetching);

private:
    void assemble();
    void onSessionStarted(bool resumed);
    void onStanza(const xmpp::XmlElement &stanza);
    void onEvent(const messages::ChatEvent &event, bool archived);
    void flushLive();
    void runDeferred();

    std::unique_ptr<messages::ConversationLedger> m_ledger;
    std::unique_ptr<messages::MessageContext> m_context;
    std::unique_ptr<messages::Outbox> m_outbox;
    std::unique_ptr<messages::InboundPipeline> m_pipeline;
    messages::AdmissionStage *m_admission = nullptr; // owned by the pipeline
    messages::FetchStage *m_fetch = nullptr;         // owned by the pipeline
    std::unique_ptr<messages::HistoryRanges> m_ranges;
    std::unique_ptr<messages::HistorySync> m_sync;
    std::unique_ptr<messages::LocalHistory> m_local;
    std::unique_ptr<messages::ScrollBack> m_scrollBack;
    std::unique_ptr<messages::DeliveryTracker> m_delivery;
    std::unique_ptr<messages::Recall> m_recall;
    std::unique_ptr<messages::ChatStates> m_chatStates;
    bool m_started = false;
    std::function<bool(const QString &)> m_foreign;
    // Live messages, batched per event-loop turn (one transaction per burst) and held while
    // the catch-up runs, so that the archive's copies come first.
    std::unique_ptr<messages::InboundBatch> m_live;
    QTimer m_liveTimer;
    QTimer m_catchUpRetry; // after live messages could not be stored
    // Receipts and recalls whose message may still be on its way to the store.
    std::vector<std::function<void()>> m_deferred;
};

} // namespace imp::chat
