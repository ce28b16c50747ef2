// xmpp_probe: connects once with imp::xmpp::XmppClient and prints the outcome as one JSON line
// ({"state": "Online"|"Offline"|"SignedOut", "error": code, "jid": bound JID}). Used by the
// Python integration tests against a real Prosody. The password comes from the environment
// (IMP_PROBE_PASSWORD) so that it never shows up in a process listing.
//
// With --interactive it stays connected, prints one JSON line per event ({"event": "state" |
// "session" | "error" | "message" | "acked" | "pong" | "status" | "bye", ...}) and reads
// commands from stdin, one per line:
//   send TO ID BODY...   a chat message (prints {"event":"sent","id","ok"})
//   release ID           release the deferred inbound ack of message ID (--defer-inbound)
//   csi active|inactive  XEP-0352 state
//   ping                 an IQ ping to the server (prints {"event":"pong","ok","error"})
//   status               prints {"event":"status","state","sm","jid","features":[...]}
//   quit                 disconnectFromServer() and exit (also on end of input)
// After every fresh session it sends initial presence, as the app would.
#include "common/Log.h"
#include "xmpp/XmppClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QTimer>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

using imp::xmpp::XmlElement;
using imp::xmpp::XmppClient;

namespace {

void emitJson(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QString stateName(XmppClient::State s)
{
    return QString::fromLatin1(
        QMetaEnum::fromType<XmppClient::State>().valueToKey(static_cast<int>(s)));
}

// The event-printing, command-reading mode used by the stream management tests.
int runInteractive(QCoreApplication &app, XmppClient &client,
                   const imp::xmpp::ConnectionConfig &config, bool deferInbound)
{
    QHash<QString, quint64> deferred; // message id -> token
    QObject::connect(&client, &XmppClient::stateChanged, [&](XmppClient::State s) {
        emitJson({{"event", "state"}, {"state", stateName(s)}});
    });
    QObject::connect(&client, &XmppClient::errorOccurred, [&](const QString &code) {
        emitJson({{"event", "error"}, {"code", code}});
    });
    QObject::connect(&client, &XmppClient::sessionStarted, [&](bool resumed) {
        if (!resumed)
            client.send(XmlElement(QStringLiteral("presence")));
        emitJson({{"event", "session"},
                  {"resumed", resumed},
                  {"sm", client.streamManagementEnabled()},
                  {"jid", client.boundJid()}});
    });
    QObject::connect(&client, &XmppClient::stanzaReceived, [&](const XmlElement &s) {
        if (s.name() != QLatin1String("message"))
            return;
        const QString body = s.firstChild(QStringLiteral("body")).text();
        if (body.isEmpty())
            return;
        const QString id = s.attribute(QStringLiteral("id"));
        if (deferInbound)
            deferred.insert(id, client.deferInbound());
        emitJson({{"event", "message"},
                  {"from", s.attribute(QStringLiteral("from"))},
                  {"id", id},
                  {"body", body}});
    });
    QObject::connect(&client, &XmppClient::stanzaAcked, [&](const XmlElement &s) {
        emitJson(
            {{"event", "acked"}, {"name", s.name()}, {"id", s.attribute(QStringLiteral("id"))}});
    });

    auto command = [&](const QString &line) {
        const QStringList parts = line.split(QLatin1Char(' '));
        const QString cmd = parts.value(0);
        if (cmd == QLatin1String("send") && parts.size() >= 4) {
            XmlElement m(QStringLiteral("message"));
            m.setAttribute(QStringLiteral("to"), parts[1]);
            m.setAttribute(QStringLiteral("id"), parts[2]);
            m.setAttribute(QStringLiteral("type"), QStringLiteral("chat"));
            m.addChild(XmlElement(QStringLiteral("body")).setText(parts.mid(3).join(' ')));
            emitJson({{"event", "sent"}, {"id", parts[2]}, {"ok", client.send(m)}});
        } else if (cmd == QLatin1String("release") && parts.size() == 2) {
            client.releaseInbound(deferred.take(parts[1]));
            emitJson({{"event", "released"}, {"id", parts[1]}});
        } else if (cmd == QLatin1String("csi") && parts.size() == 2) {
            client.setClientActive(parts[1] == QLatin1String("active"));
            emitJson({{"event", "csi"}, {"active", client.clientActive()}});
        } else if (cmd == QLatin1String("ping")) {
            XmlElement iq(QStringLiteral("iq"));
            iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
            iq.setAttribute(QStringLiteral("to"), config.domain);
            iq.addChild(XmlElement(QStringLiteral("ping"), QStringLiteral("urn:xmpp:ping")));
            client.sendIq(iq, [](imp::Result<XmlElement> r) {
                emitJson({{"event", "pong"},
                          {"ok", r.ok()},
                          {"error", r.ok() ? QString() : QString::fromStdString(r.error().code)}});
            });
        } else if (cmd == QLatin1String("status")) {
            QJsonArray features;
            for (const auto &f : client.streamFeatures().children())
                features.append(f.namespaceUri());
            emitJson({{"event", "status"},
                      {"state", stateName(client.state())},
                      {"sm", client.streamManagementEnabled()},
                      {"jid", client.boundJid()},
                      {"error", client.lastError()},
                      {"features", features}});
        } else if (cmd == QLatin1String("quit")) {
            client.disconnectFromServer();
            emitJson({{"event", "bye"}});
            app.exit(0);
        } else {
            emitJson({{"event", "unknown_command"}, {"line", line}});
        }
    };
    // stdin is read on a plain thread; each line is handed to the event loop.
    std::thread([&app, command] {
        std::string line;
        while (std::getline(std::cin, line)) {
            const QString l = QString::fromStdString(line).trimmed();
            if (!l.isEmpty())
                QMetaObject::invokeMethod(
                    &app, [command, l] { command(l); }, Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(
            &app, [command] { command(QStringLiteral("quit")); }, Qt::QueuedConnection);
    }).detach();
    client.connectToServer(config);
    const int rc = app.exec();
    std::fflush(stdout);
    std::_Exit(rc); // the stdin thread may still be blocked in getline
}

} // namespace

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
    const QCommandLineOption interactive("interactive", "print events, read commands from stdin");
    const QCommandLineOption pingInterval("ping-interval-ms", "idle time before a ping", "ms");
    const QCommandLineOption pingTimeout("ping-timeout-ms", "ping answer deadline", "ms");
    const QCommandLineOption noSm("no-sm", "do not use stream management");
    const QCommandLineOption backoff("backoff-ms", "first reconnect delay", "ms");
    const QCommandLineOption negotiation("negotiation-timeout-ms", "negotiation deadline", "ms");
    const QCommandLineOption defer("defer-inbound", "hold inbound acks until 'release ID'");
    p.addOptions({domain, host, direct, starttls, user, resource, caFile, timeout, stay,
                  interactive, pingInterval, pingTimeout, noSm, backoff, negotiation, defer});
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
    if (p.isSet(pingInterval))
        config.pingInterval = std::chrono::milliseconds(p.value(pingInterval).toInt());
    if (p.isSet(pingTimeout))
        config.pingTimeout = std::chrono::milliseconds(p.value(pingTimeout).toInt());
    if (p.isSet(negotiation))
        config.negotiationTimeout = std::chrono::milliseconds(p.value(negotiation).toInt());
    config.streamManagement = !p.isSet(noSm);

    XmppClient client;
    if (p.isSet(backoff)) {
        const auto first = std::chrono::milliseconds(p.value(backoff).toInt());
        client.setBackoff(imp::xmpp::ReconnectBackoff(first, first * 4));
    }
    if (p.isSet(interactive))
        return runInteractive(app, client, config, p.isSet(defer));
    bool retrying = false;
    auto report = [&] {
        QJsonObject o;
        o["state"] = QString::fromLatin1(
            QMetaEnum::fromType<XmppClient::State>().valueToKey(static_cast<int>(client.state())));
        o["error"] = client.lastError();
        o["jid"] = client.boundJid();
        o["retrying"] = retrying;
        o["reason"] = client.signedOutReason();
        o["sm"] = client.streamManagementEnabled();
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
