#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <functional>

namespace imp::account::test {

// A minimal in-process HTTP/1.1 server (one request per connection, "Connection: close"), over
// plain TCP or, after enableTls(), over QSslSocket (Qt 6.4 has no QSslServer).
class TestHttpServer : public QTcpServer {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
    };
    enum class Mode { Respond, NeverAnswer };

    // Returns the raw bytes to send back; see response().
    std::function<QByteArray(const Request &)> handler;
    Mode mode = Mode::Respond;
    QList<Request> requests;

    explicit TestHttpServer(QObject *parent = nullptr);
    bool listenLocal(); // 127.0.0.1, any free port
    void enableTls(const QSslCertificate &cert, const QSslKey &key);

    static QByteArray response(int status, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers = {});

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void onData(QTcpSocket *socket, QByteArray &buffer);

    bool m_tls = false;
    QSslCertificate m_cert;
    QSslKey m_key;
};

} // namespace imp::account::test
