#include "CliClient.h"
#include "common/Log.h"

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
        "  signup PHONE [--code CODE]             sign up (asks for the SMS code)\n"
        "  whoami                                 JID, IMpTech ID, connection state");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(
        "data-dir", "Profile folder.", "DIR",
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    const QCommandLineOption server("server", "IMpTech server HOST:PORT (HTTPS).", "HOST:PORT",
                                    "localhost:15443");
    const QCommandLineOption caFile("ca-file", "Trust only this CA (PEM).", "FILE");
    const QCommandLineOption code("code", "The SMS code (else read from stdin).", "CODE");
    const QCommandLineOption birth("birth-date", "Birth date for agree.", "YYYY-MM-DD");
    const QCommandLineOption yes("yes", "Accept without asking.");
    const QCommandLineOption wait("wait", "Seconds to wait for the connection.", "S", "15");
    parser.addOptions({dataDir, server, caFile, code, birth, yes, wait});
    parser.addPositionalArgument("command", "agree | signup | whoami");
    parser.process(app);

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
    options.waitSeconds = qBound(1, parser.value(wait).toInt(), 600);

    imp::cli::CliClient client(options);
    QObject::connect(
        &client, &imp::cli::CliClient::finished, &app,
        [](int exitCode) { QCoreApplication::exit(exitCode); }, Qt::QueuedConnection);
    QTimer::singleShot(0, &client, [&] { client.run(args.first(), args.mid(1)); });
    return QCoreApplication::exec();
}
