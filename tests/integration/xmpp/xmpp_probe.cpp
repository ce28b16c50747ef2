// xmpp_probe: connects once with imp::xmpp::XmppClient and prints the outcome as one JSON line
// ({"state": "Online"|"Offline"|"SignedOut", "error": code, "jid": bound JID}). Used by the
// Python integration tests against a real Prosody. The password comes from the environment
// (IMP_PROBE_PASSWORD) so that it never shows up in a process listing.
#include "common/Log.h"
#include "xmpp/XmppClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QTimer>
#include <cstdio>

using imp::xmpp::XmppClient;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    imp::log::init(spdlog::level::warn);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption domain("domain", "XMPP domain", "domain");
    const QCommandLineOption host("host", "host (default: domain)", "host");
    const QCommandLineOption direct("direct-tls-port", "direct TLS port (0 = none)", "port", "0");
    const QCommandLineOption starttls("starttls-port", "STARTTLS port (0 = none)", "port", "0");
    const QCommandLineOption user("user", "username", "user");
    const QCommandLineOption resource("resource", "resource", "resource", "probe");
    const QCommandLineOption caFile("ca-file", "the only trusted CA", "file");
    const QCommandLineOption timeout("timeout-ms", "give up after", "ms", "20000");
    const QCommandLineOption stay("stay-ms", "stay online this long, then report", "ms", "0");
    p.addOptions({domain, host, direct, starttls, user, resource, caFile, timeout, stay});
    p.process(app);

    imp::xmpp::ConnectionConfig config;
    config.domain = p.value(domain);
    config.host = p.value(host);
    config.directTlsPort = static_cast<quint16>(p.value(direct).toUInt());
    config.startTlsPort = static_cast<quint16>(p.value(starttls).toUInt());
    config.username = p.value(user);
    config.password = qEnvironmentVariable("IMP_PROBE_PASSWORD");
    config.resource = p.value(resource);
    config.caFile = p.value(caFile);

    XmppClient client;
    bool retrying = false;
    auto report = [&] {
        QJsonObject o;
        o["state"] = QString::fromLatin1(
            QMetaEnum::fromType<XmppClient::State>().valueToKey(static_cast<int>(client.state())));
        o["error"] = client.lastError();
        o["jid"] = client.boundJid();
        o["retrying"] = retrying;
        o["reason"] = client.signedOutReason();
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        app.exit(0);
    };
    const int stayMs = p.value(stay).toInt();
    QObject::connect(&client, &XmppClient::stateChanged, [&](XmppClient::State s) {
        if (s == XmppClient::State::Online && stayMs <= 0)
            report();
        else if (s == XmppClient::State::SignedOut)
            report();
    });
    // The first failure is the answer; a retry would only repeat it.
    QObject::connect(&client, &XmppClient::reconnectScheduled, [&] { retrying = true; });
    QObject::connect(&client, &XmppClient::errorOccurred,
                     [&] { QTimer::singleShot(0, &app, report); });
    if (stayMs > 0)
        QTimer::singleShot(stayMs, &app, report);
    QTimer::singleShot(p.value(timeout).toInt(), &app, [&] {
        if (client.lastError().isEmpty())
            std::printf("{\"state\":\"Timeout\",\"error\":\"probe.timeout\"}\n");
        else
            report();
        app.exit(0);
    });
    client.connectToServer(config);
    return app.exec();
}
