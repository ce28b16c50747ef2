#include "chat/attachments/TransferClient.h"

#include "common/Log.h"

#include <QHostInfo>
#include <QNetworkReply>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>
#include <memory>

namespace imp::chat::attachments {

namespace {

std::string networkErrorCode(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::SslHandshakeFailedError:
        return "net.tls";
    case QNetworkReply::HostNotFoundError:
        return "net.host_not_found";
    case QNetworkReply::ConnectionRefusedError:
        return "net.refused";
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return "net.timeout";
    default:
        return "net.failed";
    }
}

// Calls `done` once, whatever ends the reply first.
struct Once {
    TransferClient::Done done;
    void operator()(Result<void> result)
    {
        if (auto d = std::exchange(done, nullptr))
            d(std::move(result));
    }
};

} // namespace

TransferClient::TransferClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_ssl.setProtocol(QSsl::TlsV1_2OrLater);
    if (!m_options.caFile.isEmpty()) {
        const auto cas = QSslCertificate::fromPath(m_options.caFile, QSsl::Pem);
        if (cas.isEmpty())
            IMP_LOG_WARN("transfer: no CA certificate in the configured file; nothing will verify");
        m_ssl.setCaCertificates(cas);
    }
}

QNetworkRequest TransferClient::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setSslConfiguration(m_ssl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_options.stallTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("IMpTech"));
    return request;
}

void TransferClient::put(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers,
                         QIODevice *body, qint64 size, const QString &contentType,
                         Progress progress, Done done)
{
    if (url.scheme() != QLatin1String("https")) {
        QTimer::singleShot(0, this, [done] { done(makeError("upload.not_https", "slot URL")); });
        return;
    }
    QNetworkRequest req = request(url);
    for (const auto &[name, value] : headers)
        req.setRawHeader(name, value);
    req.setHeader(QNetworkRequest::ContentLengthHeader, size);
    req.setHeader(QNetworkRequest::ContentTypeHeader,
                  contentType.isEmpty() ? QStringLiteral("application/octet-stream") : contentType);
    QNetworkReply *reply = m_network.put(req, body);
    auto once = std::make_shared<Once>(Once{std::move(done)});
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] { reply->abort(); });
    deadline->start(m_options.deadlineMs);
    connect(reply, &QNetworkReply::uploadProgress, this, [progress](qint64 sent, qint64 total) {
        if (progress)
            progress(sent, total);
    });
    connect(reply, &QNetworkReply::finished, this, [reply, once] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300) {
            (*once)({});
            return;
        }
        if (status != 0) {
            (*once)(makeError("upload.http_" + std::to_string(status), "upload refused"));
            return;
        }
        (*once)(makeError(networkErrorCode(reply->error()), "upload failed"));
    });
}

void TransferClient::get(const QUrl &url, qint64 maxBytes, Sink sink, Progress progress, Done done)
{
    switch (m_policy.check(url)) {
    case RemoteUrlPolicy::Verdict::Allowed:
        break;
    case RemoteUrlPolicy::Verdict::NotHttps:
        QTimer::singleShot(0, this, [done] { done(makeError("download.not_https", "")); });
        return;
    case RemoteUrlPolicy::Verdict::PrivateAddress:
        QTimer::singleShot(0, this, [done] { done(makeError("download.private_address", "")); });
        return;
    case RemoteUrlPolicy::Verdict::Malformed:
        QTimer::singleShot(0, this, [done] { done(makeError("download.bad_url", "")); });
        return;
    }
    if (m_policy.isTrusted(url.host())) {
        startGet(url, maxBytes, std::move(sink), std::move(progress), std::move(done));
        return;
    }
    // Resolve first, so a public name that points at a private address is refused too. (The
    // network stack resolves again; a name whose answer changes in between is not caught.)
    QPointer<TransferClient> self(this);
    QHostInfo::lookupHost(url.host(), this,
                          [self, url, maxBytes, sink = std::move(sink),
                           progress = std::move(progress), done](const QHostInfo &info) mutable {
                              if (!self)
                                  return;
                              if (info.error() != QHostInfo::NoError) {
                                  done(makeError("net.host_not_found", ""));
                                  return;
                              }
                              if (self->m_policy.checkResolved(url, info.addresses()) !=
                                  RemoteUrlPolicy::Verdict::Allowed) {
                                  done(makeError("download.private_address", ""));
                                  return;
                              }
                              self->startGet(url, maxBytes, std::move(sink), std::move(progress),
                                             std::move(done));
                          });
}

void TransferClient::startGet(const QUrl &url, qint64 maxBytes, Sink sink, Progress progress,
                              Done done)
{
    QNetworkReply *reply = m_network.get(request(url));
    auto once = std::make_shared<Once>(Once{std::move(done)});
    auto received = std::make_shared<qint64>(0);
    auto failure = std::make_shared<std::string>();
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply, failure] {
        *failure = "download.stalled";
        reply->abort();
    });
    deadline->start(m_options.deadlineMs);
    auto fail = [reply, failure](std::string code) {
        *failure = std::move(code);
        reply->abort();
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, maxBytes, fail] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200) {
            fail("download.http_" + std::to_string(status));
            return;
        }
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > maxBytes)
            fail("download.too_large");
    });
    auto consume = [reply, maxBytes, received, sink, progress, fail, failure] {
        if (!failure->empty())
            return;
        const QByteArray chunk = reply->readAll();
        if (chunk.isEmpty())
            return;
        *received += chunk.size();
        if (*received > maxBytes) {
            fail("download.too_large");
            return;
        }
        if (!sink(chunk)) {
            fail("download.sink_failed");
            return;
        }
        if (progress) {
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            progress(*received, length.isValid() ? length.toLongLong() : -1);
        }
    };
    connect(reply, &QNetworkReply::readyRead, this, consume);
    connect(reply, &QNetworkReply::finished, this, [reply, once, failure, consume] {
        reply->deleteLater();
        if (failure->empty() && reply->error() == QNetworkReply::NoError)
            consume();
        if (!failure->empty()) {
            (*once)(makeError(*failure, "download stopped"));
            return;
        }
        if (reply->error() == QNetworkReply::OperationCanceledError) {
            (*once)(makeError("download.stalled", "no data in time"));
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            (*once)(makeError(status ? "download.http_" + std::to_string(status)
                                     : networkErrorCode(reply->error()),
                              "download failed"));
            return;
        }
        (*once)({});
    });
}

} // namespace imp::chat::attachments
