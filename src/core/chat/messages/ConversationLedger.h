#pragma once

#include "chat/Conversation.h"
#include "common/Result.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QSet>
#include <functional>
#include <memory>

namespace imp::store {
class Database;
}

namespace imp::chat {
class Keyring;
class Profile;
} // namespace imp::chat

namespace imp::chat::messages {

// The only writer and the only publisher of conversation rows (last message, unread count,
// ticks, pin, title). Whatever changes a message changes its conversation in the same
// transaction through a Writer, and the ledger publishes the rows that Writer produced once
// the transaction is committed: the app's models and imptech-cli only observe
// conversationChanged, and nothing re-reads a row to learn what it just wrote.
class ConversationLedger : public QObject {
    Q_OBJECT
public:
    using Changes = QHash<QString, Conversation>; // by peer

    // Runs inside a database task. Rows it touched are kept in memory and written once by
    // commit() (call it last in the transaction), so a batch of many messages of one chat
    // opens and seals its row once; changes() is then what to publish.
    class Writer {
    public:
        Writer(std::shared_ptr<const Keyring> keys, QHash<QString, QString> titles);

        // A new message of the conversation: it becomes the last message when it is newest;
        // an incoming one counts as unread when asked.
        Result<void> fold(store::Database &tx, const Message &m, bool countUnread);
        // The row's ticks follow the state of its last message when that is this own message.
        Result<void> reflectState(store::Database &tx, const Message &m);
        // A recalled message that is the last one: the preview says it was recalled.
        Result<void> reflectRecall(store::Database &tx, const Message &m);
        Result<void> clearUnread(store::Database &tx, const QString &peer);
        Result<void> setPinned(store::Database &tx, const QString &peer, bool pinned);
        // Only for a conversation that exists: a contact's name does not create a chat.
        Result<void> setTitle(store::Database &tx, const QString &peer, const QString &title);

        // Writes the rows changed since the last commit.
        Result<void> commit(store::Database &tx);
        Changes changes() const;

    private:
        // The row (fresh when absent and `create`); nullptr when absent and not `create`.
        Result<Conversation *> row(store::Database &tx, const QString &peer, bool create);
        void touch(const QString &peer) { m_dirty.insert(peer); }

        std::shared_ptr<const Keyring> m_keys;
        QHash<QString, QString> m_titles;
        QHash<QString, Conversation> m_rows;
        QSet<QString> m_dirty;   // changed, not yet written
        QSet<QString> m_changed; // written
    };

    ConversationLedger(std::shared_ptr<Profile> profile, std::shared_ptr<const Keyring> keys,
                       QObject *parent = nullptr);

    // A writer for one database task, with the titles known now.
    Writer writer() const;
    // After the task committed: announce its rows.
    void publish(const Changes &changes);

    QFuture<Result<QList<Conversation>>> conversations();
    void clearUnread(const QString &peer);
    void setPinned(const QString &peer, bool pinned);
    // Titles come from contacts (nickname, else IMpTech ID); kept for rows created later.
    void setTitle(const QString &peer, const QString &title);
    QString title(const QString &peer) const { return m_titles.value(peer); }

signals:
    void conversationChanged(const imp::chat::Conversation &conversation);

private:
    void change(std::function<Result<void>(Writer &, store::Database &)> op);

    std::shared_ptr<Profile> m_profile;
    std::shared_ptr<const Keyring> m_keys;
    QHash<QString, QString> m_titles;
};

} // namespace imp::chat::messages
