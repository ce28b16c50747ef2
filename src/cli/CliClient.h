#pragma once

#include "chat/AccountService.h"
#include "chat/ChatSession.h"
#include "chat/ContactService.h"
#include "chat/MessageService.h"
#include "chat/Profile.h"
#include "chat/groups/GroupService.h"
#include "legal/AgreementCatalogue.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace imp::cli {

// imptech-cli: the same core as the app, driven from the command line. Each command runs to
// completion and finishes with an exit code; output is plain text for people and scripts.
class CliClient : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString dataDir;
        QString server;
        QString caFile;
        QString code;      // --code, else read from stdin
        QString birthDate; // --birth-date for `agree`
        bool yes = false;  // --yes: accept without the prompt
        int waitSeconds = 15;
        QString greeting;       // --greeting for `add`
        bool fromStdin = false; // --stdin for `send`
        int limit = 50;         // --limit for `history`
        int count = 0;          // --count for `listen` (0 = until --timeout)
        int timeoutSeconds = 0; // --timeout for `listen` (0 = none)
        QString reason;         // --reason spam|abuse for `report`
        QString text;           // --text for `report`
    };

    explicit CliClient(Options options, QObject *parent = nullptr);

    // Runs `command` with `args`; emits finished(exitCode) when done.
    void run(const QString &command, const QStringList &args);

signals:
    void finished(int exitCode);

private:
    void agree();
    void signup(const QString &phone);
    void sendCode(const QString &e164, std::function<void()> then);
    // sendIfNone: when the server holds no code for the number, send one first (one-step form).
    void verifyCode(const QString &e164, const QString &typed, bool sendIfNone);
    void whoami();
    void add(const QString &query);
    void accept(const QString &jid);
    void send(const QString &jid, const QString &text);
    void sendStdin(const QString &jid);
    // Each non-empty line of stdin to `each`, then waits for the outbox to empty.
    void readLines(std::function<void(const QString &line)> each);
    void history(const QString &jid);
    void listen();
    void sync();
    void recall(const QString &jid, const QString &originId);
    void markRead(const QString &jid);
    void block(const QString &jid, const QString &how);
    void credentials();
    // CliClientMedia.cpp
    void sendVoice(const QString &jid, const QString &path);
    void sendFile(const QString &jid, const QString &path);
    void sendAttachment(const QString &jid, chat::Attachment attachment, const QByteArray &bytes);
    // An attachment already sealed in the media library.
    void sendStored(const QString &jid, const chat::Attachment &attachment);
    void save(const QString &jid, const QString &messageId, const QString &out);
    void saveWhenHere(const chat::Message &message, const QString &out);
    // CliClientGroups.cpp
    void groupCreate(const QString &name, const QStringList &members);
    void groupInvite(const QString &room, const QString &jid);
    void groupSend(const QString &room, const QString &text);
    void groupSendStdin(const QString &room);
    void groupHistory(const QString &room);
    void groupLeave(const QString &room);
    void groupAdmin(const QString &command, const QString &room, const QString &arg);
    // The group commands (CliClientGroups.cpp); false when `command` is none of them.
    bool runGroupCommand(const QString &command, const QStringList &args);
    void groupMembers(const QString &room);
    void groups();
    // then() once the account's groups are known (joined or not).
    void withGroups(std::function<void()> then);
    // then() once `room` is joined and caught up; fails when it is not ours or refuses us.
    void withGroup(const QString &room, std::function<void()> then);
    void whenReady(const QString &room, std::function<void()> then);
    // Opens the account's chat services and connects; then() once the first session started
    // (or fail() after --wait seconds). offlineOk: run then() anyway when no session comes.
    void withSession(std::function<void()> then, bool offlineOk = false);
    // then() once the server has answered a round trip: everything sent before it arrived.
    void barrier(std::function<void()> then);
    void finishWhenOutboxEmpty(int exitIfQueued);
    void openProfile(bool create, std::function<void()> then);
    void requireConsent(std::function<void()> then);
    void fail(const QString &message, int code = 1);
    // Signs off and exits once the profile's queued writes are on disk, without blocking.
    void done(int exitCode = 0);
    QString readLine(const QString &prompt);

    Options m_options;
    std::optional<legal::AgreementCatalogue> m_catalogue;
    std::shared_ptr<chat::Profile> m_profile;
    std::unique_ptr<chat::AccountService> m_account;
    std::unique_ptr<chat::ChatSession> m_session;
    chat::MessageService *m_messages = nullptr;     // of m_session
    chat::ContactService *m_contacts = nullptr;     // of m_session
    chat::groups::GroupService *m_groups = nullptr; // of m_session
    bool m_sessionSeen = false;
    int m_received = 0;
};

} // namespace imp::cli
