#pragma once

#include "DeviceIdentity.h"
#include "SignupResult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>
#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace imp::account {

// Client for the HTTPS signup API (DESIGN §5) served by mod_imptech_signup.
//
// TLS: peer verification is always on. With no CA file the system CAs are trusted; with a CA
// file only the certificates in it are (system CAs are then not consulted). The name checked
// against the certificate is the host of the base URL, so a test server with a "localhost"
// certificate is reached as "https://localhost:PORT" (not through a separate TLS host name).
// http:// base URLs are refused (every call ends in TlsError) unless allowInsecureForTests.
//
// Every call ends with its callback invoked exactly once, asynchronously, on this object's
// thread, unless the client is destroyed first (then pending callbacks are dropped). A request
// never outlives `timeout` without data, nor twice `timeout` in total.
class SignupClient : public QObject {
    Q_OBJECT
public:
    enum class Endpoint { Config, Code, Verify };

    struct Options {
        QUrl baseUrl;          // e.g. "https://localhost:15443"; a path prefix is kept
        QString caFile;        // PEM; empty = system CAs
        QString clientVersion; // sent as X-IMpTech-Client-Version
        std::chrono::milliseconds timeout{15000};
        bool allowInsecureForTests = false; // permit http:// (plain-TCP test servers only)
    };

    struct Guardian {
        QString phone; // E.164
        QString code;
    };

    struct VerifyRequest {
        QString phone; // E.164
        QString code;
        QString installId;
        QString password;
        DeviceIds device;
        QJsonObject consent;
        std::optional<Guardian> guardian;
    };

    using Callback = std::function<void(const SignupResult &)>;

    SignupClient(const QUrl &baseUrl, const QString &caFile, const QString &clientVersion,
                 QObject *parent = nullptr);
    explicit SignupClient(Options options, QObject *parent = nullptr);
    ~SignupClient() override;

    // GET /signup/v1/config -> Ok with result.config.
    void fetchConfig(Callback done);
    // POST /signup/v1/code; purpose is "account" or "guardian" -> Ok with expiresIn/retryAfter.
    void requestCode(const QString &phoneE164, const QString &purpose, const QString &installId,
                     Callback done);
    // POST /signup/v1/verify -> Created or Rebound with jid and imptechId.
    void verify(const VerifyRequest &request, Callback done);

    // Maps one HTTP answer to a result; pure, so it is unit-tested and fuzzed directly.
    // Success statuses need a well-formed JSON object (else BadResponse); error statuses are
    // mapped by status even when the body is not JSON.
    static SignupResult parseResponse(int httpStatus, const QByteArray &body,
                                      const QByteArray &retryAfterHeader,
                                      Endpoint endpoint = Endpoint::Verify);
    // The JSON body sent by verify() (exposed for tests).
    static QByteArray verifyBody(const VerifyRequest &request);

    // Why every call will fail with TlsError ("" when the configuration is usable).
    QString configError() const { return m_configError; }

private:
    void send(Endpoint endpoint, const QString &path, const std::optional<QByteArray> &body,
              Callback done);
    void deliverLater(SignupResult result, Callback done);

    Options m_options;
    QSslConfiguration m_ssl;
    QString m_configError;
    QNetworkAccessManager *m_nam = nullptr;
};

} // namespace imp::account
