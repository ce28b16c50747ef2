#pragma once

#include "chat/Message.h"
#include "xmpp/XmppClient.h"

#include <QJsonObject>
#include <QString>

namespace imp::cli {

// What imptech-cli writes to stdout: plain lines for people, one JSON object a line for
// scripts. Each line is flushed at once, so a reading script sees it without delay.
void print(const QString &line);
void printJson(const QJsonObject &o);

// A message as `listen` and `history` print it (README: imptech-cli).
QJsonObject messageJson(const chat::Message &m);
QJsonObject attachmentJson(const chat::Attachment &a);
// The connection state as `whoami` prints it.
QString stateName(xmpp::XmppClient::State state);

} // namespace imp::cli
