#include "CliClient.h"

#include "CliOutput.h"
#include "account/PhoneNumbers.h"
#include "account/VerificationCode.h"
#include "common/Log.h"
#include "common/Utf8.h"
#include "crypto/QtKeychainBackend.h"
#include "legal/AgePolicy.h"
#include "legal/ConsentGate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimeZone>
#include <QTimer>
#include <cstdio>
#include <iostream>
#include <thread>

namespace imp::cli {
namespace {

QDate localToday()
{
    return legal::AgePolicy::today(QDateTime::currentDateTimeUtc(), QTimeZone::systemTimeZone());
}

} // namespace

CliClient::CliClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

void CliClient::fail(const QString &message, int code)
{
    std::fputs(qPrintable("imptech-cli: " + message + '\n'), stderr);
    done(code);
}

void CliClient::done(int exitCode)
{
    // Sign off, and exit once the profile's queued writes are on disk (without blocking).
    if (m_account)
        m_account->disconnectFromServer();
    if (!m_profile) {
        emit finished(exitCode);
        return;
    }
    m_profile->flush().then(this, [this, exitCode] { emit finished(exitCode); });
}

QString CliClient::readLine(const QString &prompt)
{
    std::fputs(qPrintable(prompt), stderr);
    std::fflush(stderr);
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

void CliClient::run(const QString &command, const QStringList &args)
{
    auto catalogue = legal::AgreementCatalogue::load(":/legal");
    if (!catalogue || !catalogue->offerable(legal::AgreementCatalogue::AgreementId))
        return fail("the shipped agreement is damaged; reinstall IMpTech", 3);
    m_catalogue = std::move(catalogue).value();

    if (command == "agree")
        return agree();
    if (command == "signup") {
        if (args.isEmpty())
            return fail("usage: imptech-cli signup PHONE [--code CODE]", 2);
        return signup(args.first());
    }
    if (command == "whoami")
        return whoami();
    if (command == "add" && args.size() == 1)
        return add(args.first());
    if (command == "accept" && args.size() == 1)
        return accept(args.first());
    if (command == "send" && args.size() == 1 && m_options.fromStdin)
        return sendStdin(args.first());
    if (command == "send" && args.size() == 2)
        return send(args.at(0), args.at(1));
    if (command == "history" && args.size() == 1)
        return history(args.first());
    if (command == "listen")
        return listen();
    if (command == "sync")
        return sync();
    if (command == "recall" && args.size() == 2)
        return recall(args.at(0), args.at(1));
    if (command == "read" && args.size() == 1)
        return markRead(args.first());
    if ((command == "block" || command == "unblock" || command == "report") && args.size() == 1)
        return block(args.first(), command);
    if (command == "credentials")
        return credentials();
    if (command == "send-voice" && args.size() == 2)
        return sendVoice(args.at(0), args.at(1));
    if (command == "send-file" && args.size() == 2)
        return sendFile(args.at(0), args.at(1));
    if (command == "save" && args.size() == 3)
        return save(args.at(0), args.at(1), args.at(2));
    if (command.startsWith("group") && runGroupCommand(command, args))
        return;
    fail("unknown command or wrong arguments: '" + command +
             "' (agree, signup, whoami, add, accept, send, history, listen, sync, recall, read, "
             "block, unblock, report, send-voice, send-file, save, groups, group-create, "
             "group-invite, group-send, group-history, group-members, group-leave, group-remove, "
             "group-transfer, group-rename)",
         2);
}

void CliClient::openProfile(bool create, std::function<void()> then)
{
    auto keychain = std::make_shared<crypto::QtKeychainBackend>();
    auto future = create && !chat::Profile::exists(m_options.dataDir)
                      ? chat::Profile::create(m_options.dataDir, keychain)
                      : chat::Profile::open(m_options.dataDir, keychain);
    future.then(this, [this, then = std::move(then)](Result<chat::Profile::Opening> opened) {
        if (!opened && opened.error().code == "profile.in_use")
            return fail("this profile is in use by " +
                            QString::fromStdString(opened.error().detail) +
                            "; close it, or use another --data-dir",
                        8);
        if (!opened)
            return fail("cannot open the profile: " + QString::fromStdString(opened.error().code));
        m_profile = opened->profile;
        log::enableFile((m_options.dataDir + "/logs").toStdString());
        if (opened->ledgerWasTampered)
            print("warning: the consent record could not be verified; agree again");
        then();
    });
}

void CliClient::agree()
{
    const auto *doc = m_catalogue->find(legal::AgreementCatalogue::AgreementId);
    print(QString("document: %1\nversion: %2\nsha256: %3\ntext: legal/%4 (authoritative Chinese)")
              .arg(doc->id)
              .arg(doc->version)
              .arg(QString::fromLatin1(doc->sha256Hex), doc->file));
    const QDate birth = QDate::fromString(m_options.birthDate, Qt::ISODate);
    auto age = legal::AgePolicy::assess(birth, localToday());
    if (!age)
        return fail("--birth-date YYYY-MM-DD is required and must be a real past date", 2);
    // There is no guardian step here: whoever the gate would send to one uses the app.
    if (legal::ConsentGate::afterBirthDate(age->bracket) != legal::GateStep::Done)
        return fail("users under 18 sign up in the app, with their guardian's consent", 4);
    if (!m_options.yes) {
        const QString answer = readLine("Accept every clause of this agreement? [y/N] ");
        if (answer.compare("y", Qt::CaseInsensitive) != 0 &&
            answer.compare("yes", Qt::CaseInsensitive) != 0)
            return fail("not accepted; nothing was written", 5);
    }
    openProfile(true, [this, doc, birth, age = age.value()] {
        const auto record = legal::ConsentRecord::decide(*doc, legal::ConsentDecision::Accepted,
                                                         "zh_CN", IMP_APP_VERSION);
        m_profile->recordBirthDate(birth, age.bracket)
            .then(this, [this, record](Result<void> aged) {
                if (!aged)
                    return fail("could not record the birth date: " +
                                QString::fromStdString(aged.error().code));
                m_profile->recordDecision(record).then(this, [this](Result<void> recorded) {
                    if (!recorded)
                        return fail("could not record consent: " +
                                    QString::fromStdString(recorded.error().code));
                    print("accepted");
                    done();
                });
            });
    });
}

void CliClient::requireConsent(std::function<void()> then)
{
    if (!chat::Profile::exists(m_options.dataDir))
        return fail("accept the agreement first: imptech-cli agree --birth-date YYYY-MM-DD", 6);
    openProfile(false, [this, then = std::move(then)] {
        auto decisions = m_profile->firstRunDecisions();
        decisions.then(this, [this, then](Result<legal::FirstRunDecisions> in) {
            // Decisions that cannot be read count as none: agree again.
            const auto gate = legal::ConsentGate::evaluate(
                *m_catalogue, in ? in.value() : legal::FirstRunDecisions{}, localToday());
            if (!gate)
                return fail("the shipped agreement is damaged; reinstall IMpTech", 3);
            if (gate->step == legal::GateStep::Agreement || gate->step == legal::GateStep::Declined)
                return fail("accept the current agreement first: imptech-cli agree", 6);
            if (gate->step == legal::GateStep::BirthDate)
                return fail("no birth date on record: imptech-cli agree --birth-date", 6);
            // The age recorded in the app counts here too, and this command line has no
            // guardian step: minors use the app, even once their guardian consented there.
            if (gate->age->bracket != legal::AgeBracket::Adult)
                return fail("users under 18 sign up in the app, with their guardian", 4);
            m_account = std::make_unique<chat::AccountService>(
                m_profile, chat::AccountService::Endpoint{m_options.server, m_options.caFile,
                                                          IMP_APP_VERSION});
            m_account->load([then](bool) { then(); });
        });
    });
}

void CliClient::signup(const QString &phone)
{
    const auto check = account::PhoneNumbers::validateMobile(phone, "CN");
    if (!check.ok)
        return fail("not a valid mobile number (" + check.error + ")", 2);
    requireConsent([this, e164 = check.e164] {
        // Step two: a code that an earlier `signup PHONE` had sent.
        if (!m_options.code.isEmpty())
            return verifyCode(e164, m_options.code, true);
        sendCode(e164, [this, e164] {
            const QString code = readLine("SMS code: ");
            if (!code.isEmpty())
                return verifyCode(e164, code, false);
            // No answer (end of input, or Enter): step one is done, the code stays valid.
            print("code sent; finish with: imptech-cli signup PHONE --code CODE");
            done();
        });
    });
}

void CliClient::sendCode(const QString &e164, std::function<void()> then)
{
    m_account->requestCode(e164, "account", [this, then](const account::SignupResult &sent) {
        if (sent.status != account::SignupResult::Status::Ok)
            return fail(QString("could not send the code: ") + account::toString(sent.status));
        then();
    });
}

void CliClient::verifyCode(const QString &e164, const QString &typed, bool sendIfNone)
{
    const QString code = account::VerificationCode::normalise(typed);
    if (!account::VerificationCode::isComplete(code))
        return fail("a code has 6 digits", 2);
    QJsonObject consent{{"document", legal::AgreementCatalogue::AgreementId},
                        {"age_bracket", "adult"},
                        {"locale", "zh_CN"}};
    m_account->registerAccount(
        e164, code, std::nullopt, consent,
        [this, e164, code, sendIfNone](const account::SignupResult &result) {
            // --code while the server holds no code for the number: send one and check this code
            // against it, the one-step form that scripts have always used.
            if (sendIfNone && result.status == account::SignupResult::Status::CodeExpired &&
                result.reason == "no_code")
                return sendCode(e164, [this, e164, code] { verifyCode(e164, code, false); });
            if (!result.succeeded()) {
                QString why = QString::fromLatin1(account::toString(result.status));
                if (result.attemptsLeft >= 0)
                    why += QString(" (%1 attempts left)").arg(result.attemptsLeft);
                return fail("sign-up failed: " + why);
            }
            print("jid: " + result.jid);
            print("imptech-id: " + result.imptechId);
            done();
        });
}

void CliClient::whoami()
{
    requireConsent([this] {
        const auto &account = m_account->account();
        if (!account.registered())
            return fail("not signed up yet: imptech-cli signup PHONE", 7);
        print("jid: " + account.jid);
        print("imptech-id: " + account.imptechId);
        auto report = [this] {
            print("state: " + stateName(m_account->connectionState()));
            const QString error = m_account->lastConnectionError();
            if (!error.isEmpty() && m_account->connectionState() != xmpp::XmppClient::State::Online)
                print("reason: " + error);
            done();
        };
        connect(m_account.get(), &chat::AccountService::stateChanged, this, [this, report] {
            const auto state = m_account->connectionState();
            if (state == xmpp::XmppClient::State::Online ||
                state == xmpp::XmppClient::State::SignedOut ||
                (state == xmpp::XmppClient::State::Offline &&
                 m_account->lastConnectionError().startsWith("tls.")))
                report();
        });
        QTimer::singleShot(m_options.waitSeconds * 1000, this, report);
        m_account->connectToServer();
    });
}

// --- Chat commands -------------------------------------------------------------------------

void CliClient::withSession(std::function<void()> then, bool offlineOk)
{
    requireConsent([this, then = std::move(then), offlineOk] {
        if (!m_account->account().registered())
            return fail("not signed up yet: imptech-cli signup PHONE", 7);
        // The same services and wiring as the app (contact names, who may write).
        m_session = std::make_unique<chat::ChatSession>(m_profile, *m_account);
        m_messages = &m_session->messages();
        m_contacts = &m_session->contacts();
        m_groups = &m_session->groups();
        connect(m_messages, &chat::MessageService::storageError, this, [](const QString &code) {
            std::fputs(qPrintable("imptech-cli: storage error " + code + '\n'), stderr);
        });
        auto fired = std::make_shared<bool>(false);
        connect(m_account.get(), &chat::AccountService::sessionStarted, this,
                [this, then, fired](bool) {
                    m_sessionSeen = true;
                    if (*fired)
                        return;
                    *fired = true;
                    // Let the services run their own session start first (roster, outbox).
                    QTimer::singleShot(0, this, then);
                });
        connect(m_account.get(), &chat::AccountService::stateChanged, this,
                [this, fired, then, offlineOk] {
                    if (*fired)
                        return;
                    const auto state = m_account->connectionState();
                    const QString error = m_account->lastConnectionError();
                    if (state == xmpp::XmppClient::State::SignedOut ||
                        (state == xmpp::XmppClient::State::Offline &&
                         (error.startsWith("tls.") || error.startsWith("auth.")))) {
                        *fired = true;
                        if (offlineOk)
                            return then();
                        fail("cannot connect: " + error, 5);
                    }
                });
        QTimer::singleShot(m_options.waitSeconds * 1000, this, [this, fired, then, offlineOk] {
            if (*fired)
                return;
            *fired = true;
            if (offlineOk)
                return then();
            fail("cannot connect: " + m_account->lastConnectionError(), 5);
        });
        m_session->start();
        m_account->connectToServer();
    });
}

void CliClient::barrier(std::function<void()> then)
{
    xmpp::XmlElement iq("iq", "jabber:client");
    iq.setAttribute("type", "get");
    iq.setAttribute("to", m_account->account().domain);
    iq.addChild(xmpp::XmlElement("ping", "urn:xmpp:ping"));
    m_account->xmpp().sendIq(iq, [then = std::move(then)](Result<xmpp::XmlElement>) { then(); });
}

void CliClient::add(const QString &query)
{
    withSession([this, query] {
        m_contacts->lookup(query, [this](Result<chat::DirectoryUser> user) {
            if (!user) {
                if (user.error().code == "directory.not_found")
                    return fail("no IMpTech user with that ID or phone number", 3);
                return fail("lookup failed: " + QString::fromStdString(user.error().code));
            }
            const chat::DirectoryUser found = user.value();
            m_contacts->sendRequest(found, m_options.greeting, [this, found](Result<void> sent) {
                if (!sent)
                    return fail("request failed: " + QString::fromStdString(sent.error().code));
                printJson({{"jid", found.jid},
                           {"imptech_id", found.imptechId},
                           {"nickname", found.nickname}});
                barrier([this] { done(); });
            });
        });
    });
}

void CliClient::accept(const QString &jid)
{
    withSession([this, jid] {
        m_contacts->accept(jid, [this](Result<void> accepted) {
            if (!accepted)
                return fail("accept failed: " + QString::fromStdString(accepted.error().code));
            barrier([this] { done(); });
        });
    });
}

void CliClient::finishWhenOutboxEmpty(int exitIfQueued)
{
    auto over = std::make_shared<bool>(false);
    auto check = [this, over] {
        // Voice notes and photos that arrived are fetched before the command ends.
        if (*over || m_messages->pendingCount() != 0 || m_messages->fetchingCount() != 0)
            return;
        *over = true;
        // A round trip later the server has processed everything we wrote.
        barrier([this] { done(); });
    };
    connect(m_messages, &chat::MessageService::outboxChanged, this, check);
    connect(m_messages, &chat::MessageService::fetchingChanged, this, check);
    QTimer::singleShot(m_options.waitSeconds * 1000, this, [this, over, exitIfQueued] {
        if (*over)
            return;
        *over = true;
        std::fputs(qPrintable(QString("imptech-cli: %1 message(s) queued; they are sent on the "
                                      "next connection\n")
                                  .arg(m_messages->pendingCount())),
                   stderr);
        done(exitIfQueued);
    });
    check();
}

void CliClient::send(const QString &jid, const QString &text)
{
    // Stored in the outbox first, so a message typed while offline is never lost.
    withSession(
        [this, jid, text] {
            if (!m_messages->send(jid, text))
                return fail("nothing to send (empty, too long, or not a JID)", 2);
            finishWhenOutboxEmpty(4);
        },
        true);
}

void CliClient::sendStdin(const QString &jid)
{
    withSession(
        [this, jid] {
            connect(m_messages, &chat::MessageService::messageAcked, this,
                    [](const QString &, const QString &originId, qint64 composedMs) {
                        printJson({{"origin_id", originId},
                                   {"sent_ms", composedMs},
                                   {"acked_ms", QDateTime::currentMSecsSinceEpoch()}});
                    });
            readLines([this, jid](const QString &line) { m_messages->send(jid, line); });
        },
        true);
}

void CliClient::readLines(std::function<void(const QString &line)> each)
{
    // stdin is read on its own thread: a blocking read must not stall the event loop.
    auto *reader = new QObject(this);
    std::thread([this, reader, each = std::move(each)] {
        // Raw bytes, decoded exactly: QTextStream drops a leading U+FEFF as a BOM.
        std::string raw;
        while (std::getline(std::cin, raw)) {
            if (!raw.empty() && raw.back() == '\r')
                raw.pop_back();
            const QString line = fromUtf8Exact(QByteArrayView(raw.data(), raw.size()));
            QMetaObject::invokeMethod(reader, [each, line] {
                if (!line.trimmed().isEmpty())
                    each(line);
            });
        }
        QMetaObject::invokeMethod(reader, [this] { finishWhenOutboxEmpty(4); });
    }).detach();
}

void CliClient::history(const QString &jid)
{
    withSession(
        [this, jid] {
            auto show = [this, jid] {
                auto collected = std::make_shared<QList<chat::Message>>();
                auto next = std::make_shared<std::function<void()>>();
                // Page back (keyset) until --limit; past what this device has, the server's
                // archive is asked page by page (scroll-back).
                *next = [this, jid, collected, next] {
                    std::optional<chat::MessageService::Cursor> cursor;
                    if (!collected->isEmpty())
                        cursor = chat::MessageService::Cursor{
                            collected->back().time.toMSecsSinceEpoch(), collected->back().id};
                    const int want = std::min(200, m_options.limit - int(collected->size()));
                    m_messages->pageWithHistory(xmpp::Jid(jid).bare().toString(), cursor, want)
                        .then(
                            this, [this, collected, next, want](Result<QList<chat::Message>> page) {
                                if (!page)
                                    return fail("cannot read the history: " +
                                                QString::fromStdString(page.error().code));
                                collected->append(page.value());
                                if (page->size() == want && collected->size() < m_options.limit)
                                    return (*next)();
                                for (auto it = collected->crbegin(); it != collected->crend(); ++it)
                                    printJson(messageJson(*it));
                                *next = nullptr; // break the cycle
                                done();
                            });
                };
                (*next)();
            };
            if (!m_sessionSeen || !m_messages->syncing())
                return show();
            connect(m_messages, &chat::MessageService::syncFinished, this, show);
        },
        true);
}

void CliClient::listen()
{
    withSession([this] {
        std::fputs("ready\n", stderr);
        std::fflush(stderr);
        connect(m_messages, &chat::MessageService::messageAdded, this,
                [this](const chat::Message &m) {
                    if (m.outgoing)
                        return;
                    printJson(messageJson(m));
                    if (m_options.count > 0 && ++m_received >= m_options.count) {
                        // Stored and acknowledged before we leave.
                        QTimer::singleShot(50, this, [this] { done(); });
                    }
                });
        if (m_options.timeoutSeconds > 0)
            QTimer::singleShot(m_options.timeoutSeconds * 1000, this, [this] { done(); });
    });
}

void CliClient::sync()
{
    withSession([this] {
        auto finish = [this] {
            printJson(QJsonObject{{"synced", m_messages->syncedCount()}});
            finishWhenOutboxEmpty(4);
        };
        if (!m_messages->syncing())
            return finish();
        connect(m_messages, &chat::MessageService::syncFinished, this, finish);
    });
}

void CliClient::recall(const QString &jid, const QString &originId)
{
    withSession([this, jid, originId] {
        const QString peer = xmpp::Jid(jid).bare().toString();
        m_messages->page(peer, std::nullopt, 500)
            .then(this, [this, peer, originId](Result<QList<chat::Message>> page) {
                if (!page)
                    return fail("cannot read the history", 1);
                for (const auto &m : page.value()) {
                    if (m.originId != originId)
                        continue;
                    return m_messages->recall(peer, m.id, [this](Result<void> recalled) {
                        if (!recalled)
                            return fail("cannot recall: " +
                                            QString::fromStdString(recalled.error().code),
                                        recalled.error().code == "chat.recall_too_late" ? 8 : 1);
                        finishWhenOutboxEmpty(4);
                    });
                }
                fail("no such message", 3);
            });
    });
}

void CliClient::markRead(const QString &jid)
{
    withSession([this, jid] {
        m_messages->markRead(xmpp::Jid(jid).bare().toString());
        // The marker is sent once the store answered; a round trip later it has arrived.
        QTimer::singleShot(200, this, [this] { barrier([this] { done(); }); });
    });
}

void CliClient::block(const QString &jid, const QString &how)
{
    withSession([this, jid, how] {
        auto finish = [this, how](Result<void> r) {
            if (!r)
                return fail(how + " failed: " + QString::fromStdString(r.error().code));
            done();
        };
        if (how == "block")
            return m_contacts->block(jid, finish);
        if (how == "unblock")
            return m_contacts->unblock(jid, finish);
        const auto reason = m_options.reason == "abuse" ? chat::ContactService::ReportReason::Abuse
                                                        : chat::ContactService::ReportReason::Spam;
        m_contacts->report(jid, reason, m_options.text, {}, finish);
    });
}

void CliClient::credentials()
{
    // For test rigs that log in a second device of the same account (carbons). Off unless the
    // environment asks for it: the password otherwise never leaves the profile but to the server.
    if (qEnvironmentVariable("IMP_ALLOW_CREDENTIAL_EXPORT") != "1")
        return fail("credentials export is disabled (IMP_ALLOW_CREDENTIAL_EXPORT=1 enables it)", 2);
    requireConsent([this] {
        const auto &a = m_account->account();
        if (!a.registered())
            return fail("not signed up yet", 7);
        printJson({{"jid", a.jid}, {"password", a.password}});
        done();
    });
}

} // namespace imp::cli
