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

QJsonObject attachmentJson(const chat::Attachment &a)
{
    QJsonObject o{{"kind", chat::Attachment::kindName(a.kind)},
                  {"media_type", a.mediaType},
                  {"size", a.size},
                  {"state", chat::Attachment::transferName(a.transfer)},
                  {"played", a.played}};
    if (!a.name.isEmpty())
        o.insert("name", a.name);
    if (a.durationMs > 0)
        o.insert("duration_ms", a.durationMs);
    if (!a.sha256.isEmpty())
        o.insert("sha256", QString::fromLatin1(a.sha256.toHex()));
    if (!a.waveform.isEmpty())
        o.insert("waveform_peaks", a.waveform.size());
    if (!a.error.isEmpty())
        o.insert("error", a.error);
    return o;
}

QJsonObject messageJson(const chat::Message &m)
{
    QJsonObject o{{"id", m.originId.isEmpty() ? m.stanzaId : m.originId},
                  {"local_id", m.id},
                  {"from", m.sender},
                  {"body", m.recalled ? QString() : m.body},
                  {"time", isoTime(m.time)},
                  {"direction", m.outgoing ? "out" : "in"},
                  {"state", static_cast<int>(m.state)},
                  {"recalled", m.recalled}};
    if (!m.attachment.isNull() && !m.recalled)
        o.insert("attachment", attachmentJson(m.attachment));
    if (!m.senderName.isEmpty()) {
        // A group message: which group, and the member's name in it.
        o.insert("room", m.peer);
        o.insert("sender_name", m.senderName);
    }
    return o;
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
