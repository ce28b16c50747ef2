#pragma once

#include "chat/attachments/RemoteUrlPolicy.h"
#include "common/Result.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QUrl>
#include <functional>

class QIODevice;

namespace imp::chat::attachments {

// HTTPS uploads (XEP-0363 PUT) and downloads, with the same TLS verification as the XMPP
// session (the account's CA only, when it has one). Limits hold while bytes arrive, not after:
// a download stops as soon as it passes its size limit, or stalls, or runs past its deadline.
// Redirects are refused. Runs on the UI thread's event loop; nothing here blocks.
class TransferClient : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString caFile; // PEM; the only trusted CA when set
        int stallTimeoutMs = 30000;
        int deadlineMs = 10 * 60 * 1000;
    };
    explicit TransferClient(Options options, QObject *parent = nullptr);

    using Progress = std::function<void(qint64 done, qint64 total)>;
    using Done = std::function<void(Result<void>)>;
    // Chunks as they arrive; false stops the download (a write failed).
    using Sink = std::function<bool(const QByteArray &chunk)>;

    // Errors: upload.http_413 (too large), upload.http_<status>, net.* (see errorCode).
    void put(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers, QIODevice *body,
             qint64 size, const QString &contentType, Progress progress, Done done);
    // Errors: download.not_https, download.private_address, download.too_large,
    // download.http_<status>, download.stalled, download.sink_failed, net.*.
    void get(const QUrl &url, qint64 maxBytes, Sink sink, Progress progress, Done done);

    const RemoteUrlPolicy &policy() const { return m_policy; }
    // Our own server's hosts (the account's), which may be on loopback in development.
    void setTrustedHosts(QStringList hosts) { m_policy.setTrustedHosts(std::move(hosts)); }

private:
    void startGet(const QUrl &url, qint64 maxBytes, Sink sink, Progress progress, Done done);
    QNetworkRequest request(const QUrl &url) const;

    Options m_options;
    RemoteUrlPolicy m_policy;
    QSslConfiguration m_ssl;
    QNetworkAccessManager m_network;
};

} // namespace imp::chat::attachments
