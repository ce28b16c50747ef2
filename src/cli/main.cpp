#include "CliClient.h"
#include "common/Log.h"
#include "common/Utf8.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>
#include <QTimer>

int main(int argc, char *argv[])
{
    imp::log::init(spdlog::level::warn);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("IMpTech");
    QCoreApplication::setOrganizationName("IMpTech");
    QCoreApplication::setApplicationVersion(IMP_APP_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        "IMpTech headless client.\n"
        "  agree --birth-date YYYY-MM-DD [--yes]  show and accept the agreement\n"
        "  signup PHONE [--code CODE]             sign up: sends the SMS code and asks for it;\n"
        "                                         --code later checks the code that was sent\n"
        "  whoami                                 JID, IMpTech ID, connection state\n"
        "  add ID|PHONE [--greeting TEXT]         find someone and send a friend request\n"
        "  accept JID                             accept a friend request\n"
        "  send JID TEXT | send JID --stdin       send (one line = one message with --stdin)\n"
        "  history JID [--limit N]                the conversation as JSON lines, oldest first\n"
        "  listen [--count N] [--timeout S]       print incoming messages as JSON lines\n"
        "  sync                                   send the outbox and catch up ({\"synced\":N}), "
        "then exit\n"
        "  recall JID ORIGIN_ID                   recall an own message (within 2 minutes)\n"
        "  read JID                               mark the conversation read (read marker)\n"
        "  block JID | unblock JID                block or unblock a user\n"
        "  report JID [--reason spam|abuse] [--text T]  report and block a user\n"
        "  send-voice JID FILE                    send a voice note (WAV, encoded to Opus, or "
        "Ogg/Opus)\n"
        "  send-file JID FILE                     send a photo or a file\n"
        "  save JID MESSAGE_ID OUT                write an attachment's file (decrypted) to OUT\n"
        "  groups                                 the account's groups as JSON lines\n"
        "  group-create NAME JID...               a new group with these friends (NAME \"\": "
        "named after them)\n"
        "  group-invite ROOM JID                  invite (it makes them a member)\n"
        "  group-send ROOM TEXT                   send to a group (sent when the room reflects "
        "it)\n"
        "  group-history ROOM [--limit N]         the group's messages, oldest first\n"
        "  group-members ROOM                     the group's members as JSON lines\n"
        "  group-leave ROOM                       leave for good (gives up the membership)\n"
        "  group-remove ROOM JID                  take a member's membership away (owner, "
        "admins)\n"
        "  group-transfer ROOM JID                make them the owner (we become a member)\n"
        "  group-rename ROOM NAME                 the group's name, for every member");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(
        "data-dir", "Profile folder.", "DIR",
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    const QCommandLineOption server("server", "IMpTech server HOST:PORT (HTTPS).", "HOST:PORT",
                                    "localhost:15443");
    const QCommandLineOption caFile("ca-file", "Trust only this CA (PEM).", "FILE");
    const QCommandLineOption code("code", "signup: the SMS code an earlier run sent.", "CODE");
    const QCommandLineOption birth("birth-date", "Birth date for agree.", "YYYY-MM-DD");
    const QCommandLineOption yes("yes", "Accept without asking.");
    const QCommandLineOption wait("wait", "Seconds to wait for the connection.", "S", "15");
    const QCommandLineOption greeting("greeting", "Greeting for add.", "TEXT");
    const QCommandLineOption fromStdin("stdin", "send: read messages from stdin, one per line.");
    const QCommandLineOption limit("limit", "history: how many messages.", "N", "50");
    const QCommandLineOption count("count", "listen: exit after N messages.", "N", "0");
    const QCommandLineOption timeout("timeout", "listen: exit after S seconds.", "S", "0");
    const QCommandLineOption reason("reason", "report: spam or abuse.", "WHY", "spam");
    const QCommandLineOption text("text", "report: what happened.", "TEXT");
    parser.addOptions({dataDir, server, caFile, code, birth, yes, wait, greeting, fromStdin, limit,
                       count, timeout, reason, text});
    parser.addPositionalArgument(
        "command", "agree | signup | whoami | add | accept | send | history | listen | sync");
    // Arguments decoded exactly: QCoreApplication::arguments() drops a leading U+FEFF of an
    // argument (Qt 6.4), and a message may start with one.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(imp::fromUtf8Exact(argv[i]));
    parser.process(arguments);

    const auto args = parser.positionalArguments();
    if (args.isEmpty())
        parser.showHelp(2);

    imp::cli::CliClient::Options options;
    options.dataDir = parser.value(dataDir);
    options.server = parser.value(server);
    options.caFile = parser.value(caFile);
    options.code = parser.value(code);
    options.birthDate = parser.value(birth);
    options.yes = parser.isSet(yes);
    options.waitSeconds = qBound(1, parser.value(wait).toInt(), 3600);
    options.greeting = parser.value(greeting);
    options.fromStdin = parser.isSet(fromStdin);
    options.limit = qBound(1, parser.value(limit).toInt(), 1000000);
    options.count = qMax(0, parser.value(count).toInt());
    options.timeoutSeconds = qMax(0, parser.value(timeout).toInt());
    options.reason = parser.value(reason);
    options.text = parser.value(text);

    imp::cli::CliClient client(options);
    QObject::connect(
        &client, &imp::cli::CliClient::finished, &app,
        [](int exitCode) { QCoreApplication::exit(exitCode); }, Qt::QueuedConnection);
    QTimer::singleShot(0, &client, [&] { client.run(args.first(), args.mid(1)); });
    return QCoreApplication::exec();
}
