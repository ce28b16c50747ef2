#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <chrono>

// What the XmppClient tests share: waiting on the event loop, and a port nobody listens on.
namespace imp::xmpp::test {

template <class Pred>
bool waitUntil(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(10))
{
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < timeout.count())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return pred();
}

inline quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

} // namespace imp::xmpp::test
