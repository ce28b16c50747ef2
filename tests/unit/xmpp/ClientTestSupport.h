#pragma once

#include "TestPki.h"
#include "xmpp/ConnectionConfig.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QTcpServer>
#include <QTemporaryDir>
#include <chrono>

// What the XmppClient tests share: waiting on the event loop, a port nobody listens on, a test
// CA with a certificate for imp.test, and the client settings for the fake server on loopback.
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

// A test CA written to dir/ca.pem, and a certificate for imp.test that it signed.
struct TestTrust {
    QString caFile;
    KeyAndCert leaf;
};
inline TestTrust writeTestTrust(const QTemporaryDir &dir)
{
    const auto ca = TestPki::makeCa(QStringLiteral("IMpTech Test CA"));
    TestTrust trust{dir.filePath(QStringLiteral("ca.pem")),
                    TestPki::makeLeaf(ca, QStringLiteral("imp.test"))};
    QFile f(trust.caFile);
    if (f.open(QIODevice::WriteOnly))
        f.write(ca.certPem);
    return trust;
}

// user@imp.test/dev-1 on 127.0.0.1, trusting only `caFile`; a port of 0 is one nobody uses.
inline ConnectionConfig loopbackConfig(const QString &caFile, quint16 startTlsPort,
                                       quint16 directTlsPort = 0)
{
    ConnectionConfig c;
    c.domain = QStringLiteral("imp.test");
    c.host = QStringLiteral("127.0.0.1");
    c.directTlsPort = directTlsPort != 0 ? directTlsPort : closedPort();
    c.startTlsPort = startTlsPort != 0 ? startTlsPort : closedPort();
    c.username = QStringLiteral("user");
    c.password = QStringLiteral("secret-password");
    c.resource = QStringLiteral("dev-1");
    c.caFile = caFile;
    return c;
}

} // namespace imp::xmpp::test
