#include "CliOutput.h"

#include <QDateTime>
#include <QJsonDocument>
#include <cstdio>

namespace imp::cli {
namespace {

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

void print(const QString &line)
{
    std::fputs(qPrintable(line + '\n'), stdout);
    std::fflush(stdout);
}

void printJson(const QJsonObject &o)
{
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
    std::fflush(stdout);
}

QJsonObject messageJson(const chat::Message &m)
{
    return {{"id", m.originId.isEmpty() ? m.stanzaId : m.originId},
            {"from", m.sender},
            {"body", m.recalled ? QString() : m.body},
            {"time", isoTime(m.time)},
            {"direction", m.outgoing ? "out" : "in"},
            {"state", static_cast<int>(m.state)},
            {"recalled", m.recalled}};
}

QString stateName(xmpp::XmppClient::State state)
{
    switch (state) {
    case xmpp::XmppClient::State::Online:
        return "online";
    case xmpp::XmppClient::State::Connecting:
        return "connecting";
    case xmpp::XmppClient::State::SignedOut:
        return "signed-out";
    case xmpp::XmppClient::State::Offline:
        break;
    }
    return "offline";
}

} // namespace imp::cli
