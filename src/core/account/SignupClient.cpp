#include "SignupClient.h"

#include "common/Log.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QTimer>
#include <cmath>
#include <memory>

namespace imp::account {

namespace {

using Status = SignupResult::Status;

// Real answers are a few hundred bytes; anything far larger is not our server.
constexpr qint64 kMaxBodyBytes = 64 * 1024;
// Caps for numbers and strings taken from the server.
constexpr double kMaxSeconds = 7 * 24 * 3600;
constexpr qsizetype kMaxFieldLength = 3071; // RFC 7622 JID limit

int intField(const QJsonObject &obj, const char *key)
{
    const QJsonValue v = obj.value(QLatin1String(key));
    if (!v.isDouble())
        return -1;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < 0)
        return -1;
    return static_cast<int>(std::min(d, kMaxSeconds));
}

QString stringField(const QJsonObject &obj, const char *key)
{
    const QJsonValue v = obj.value(QLatin1String(key));
    if (!v.isString())
        return QString();
    const QString s = v.toString();
    return s.size() > kMaxFieldLength ? QString() : s;
}

// Server error codes go into logs: keep only a short ASCII identifier.
QString safeCode(const QString &s)
{
    QString out;
    for (const QChar c : s.left(64)) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') ||
                        c == QLatin1Char('.') || c == QLatin1Char('-');
        if (!ok)
            return QStringLiteral("(unprintable)");
        out.append(c);
    }
    return out;
}

// Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
int parseRetryAfter(const QByteArray &header)
{
    const QByteArray h = header.trimmed();
    if (h.isEmpty() || h.size() > 64)
        return -1;
    bool allDigits = true;
    for (const char c : h)
        allDigits = allDigits && c >= '0' && c <= '9';
    if (allDigits) {
        // Long digit strings overflow toLongLong; they are "very long" anyway.
        const qint64 v = h.size() > 9 ? static_cast<qint64>(kMaxSeconds) : h.toLongLong();
        return static_cast<int>(std::min<qint64>(v, static_cast<qint64>(kMaxSeconds)));
    }
    // HTTP-dates end in "GMT", which Qt's RFC 2822 parser does not take; the offset form it does.
    QString date = QString::fromLatin1(h);
    if (date.endsWith(QLatin1String(" GMT")))
        date = date.chopped(4) + QLatin1String(" +0000");
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    const qint64 secs = QDateTime::currentDateTimeUtc().secsTo(when);
    return static_cast<int>(std::clamp<qint64>(secs, 0, static_cast<qint64>(kMaxSeconds)));
}

SignupResult make(Status status, int http, QString detail)
{
    SignupResult r;
    r.status = status;
    r.httpStatus = http;
    r.detail = std::move(detail);
    return r;
}

const char *endpointName(SignupClient::Endpoint e)
{
    switch (e) {
    case SignupClient::Endpoint::Config:
        return "config";
    case SignupClient::Endpoint::Code:
        return "code";
    case SignupClient::Endpoint::Verify:
        return "verify";
    }
    return "?";
}

} // namespace

SignupClient::SignupClient(const QUrl &baseUrl, const QString &caFile, const QString &clientVersion,
                           QObject *parent)
    : SignupClient(Options{baseUrl, caFile, clientVersion}, parent)
{}

SignupClient::SignupClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_nam(new QNetworkAccessManager(this))
{
    const QUrl &url = m_options.baseUrl;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty())
        m_configError = QStringLiteral("invalid base URL");
    else if (scheme == QLatin1String("http") && !m_options.allowInsecureForTests)
        m_configError = QStringLiteral("http:// refused: the signup API is HTTPS only");
    else if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        m_configError = QStringLiteral("unsupported URL scheme");

    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_ssl.setProtocol(QSsl::TlsV1_2OrLater);
    if (!m_options.caFile.isEmpty()) {
        // Replacing the CA list also turns off Qt's on-demand loading of system roots, so a
        // pinned deployment trusts its own CA only.
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(m_options.caFile, QSsl::Pem);
        if (cas.isEmpty())
            m_configError = QStringLiteral("CA file unreadable or holds no certificate");
        else
            m_ssl.setCaCertificates(cas);
    }
    if (m_options.timeout <= std::chrono::milliseconds::zero())
        m_options.timeout = std::chrono::milliseconds(15000);
    if (!m_configError.isEmpty())
        IMP_LOG_WARN("signup: client unusable: {}", m_configError.toStdString());
}

SignupClient::~SignupClient() = default;

void SignupClient::fetchConfig(Callback done)
{
    send(Endpoint::Config, QStringLiteral("signup/v1/config"), std::nullopt, std::move(done));
}

void SignupClient::requestCode(const QString &phoneE164, const QString &purpose,
                               const QString &installId, Callback done)
{
    if (purpose != QLatin1String("account") && purpose != QLatin1String("guardian")) {
        deliverLater(make(Status::InvalidRequest, 0, QStringLiteral("unknown purpose")),
                     std::move(done));
        return;
    }
    IMP_LOG_INFO("signup: requesting {} code for {}", purpose.toStdString(),
                 log::maskPhone(phoneE164.toStdString()));
    QJsonObject body{{QStringLiteral("phone"), phoneE164},
                     {QStringLiteral("purpose"), purpose},
                     {QStringLiteral("install_id"), installId}};
    send(Endpoint::Code, QStringLiteral("signup/v1/code"),
         QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(done));
}

QByteArray SignupClient::verifyBody(const VerifyRequest &request)
{
    QJsonObject device{{QStringLiteral("id"), request.device.deviceId},
                       {QStringLiteral("name"), request.device.deviceName},
                       {QStringLiteral("platform"), request.device.platform}};
    QJsonObject body{{QStringLiteral("phone"), request.phone},
                     {QStringLiteral("code"), request.code},
                     {QStringLiteral("install_id"), request.installId},
                     {QStringLiteral("password"), request.password},
                     {QStringLiteral("device"), device},
                     {QStringLiteral("consent"), request.consent}};
    if (request.guardian) {
        body.insert(QStringLiteral("guardian"),
                    QJsonObject{{QStringLiteral("phone"), request.guardian->phone},
                                {QStringLiteral("code"), request.guardian->code}});
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void SignupClient::verify(const VerifyRequest &request, Callback done)
{
    IMP_LOG_INFO("signup: verifying code for {}", log::maskPhone(request.phone.toStdString()));
    send(Endpoint::Verify, QStringLiteral("signup/v1/verify"), verifyBody(request),
         std::move(done));
}

void SignupClient::deliverLater(SignupResult result, Callback done)
{
    // Always asynchronous, so callers never see their callback run inside their own call.
    QTimer::singleShot(0, this, [result = std::move(result), done = std::move(done)] {
        if (done)
            done(result);
    });
}

void SignupClient::send(Endpoint endpoint, const QString &path,
                        const std::optional<QByteArray> &body, Callback done)
{
    if (!m_configError.isEmpty()) {
        deliverLater(make(Status::TlsError, 0, m_configError), std::move(done));
        return;
    }

    QUrl url = m_options.baseUrl;
    QString prefix = url.path();
    if (!prefix.endsWith(QLatin1Char('/')))
        prefix += QLatin1Char('/');
    url.setPath(prefix + path);
    url.setQuery(QString());

    QNetworkRequest request(url);
    const int timeoutMs = static_cast<int>(m_options.timeout.count());
    request.setTransferTimeout(timeoutMs);
    // A redirect would replay the phone number, code and password somewhere else.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-IMpTech-Client-Version", m_options.clientVersion.toUtf8());
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        request.setSslConfiguration(m_ssl);

    QNetworkReply *reply = nullptr;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        reply = m_nam->post(request, *body);
    } else {
        reply = m_nam->get(request);
    }

    struct Flags {
        bool timedOut = false;
        bool tooLarge = false;
    };
    auto flags = std::make_shared<Flags>();

    // transferTimeout restarts whenever bytes arrive; this bounds a server that drips them.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply, flags] {
        flags->timedOut = true;
        reply->abort();
    });
    deadline->start(2 * timeoutMs);

    connect(reply, &QNetworkReply::downloadProgress, reply,
            [reply, flags](qint64 received, qint64) {
                if (received > kMaxBodyBytes && !flags->tooLarge) {
                    flags->tooLarge = true;
                    reply->abort();
                }
            });

    connect(
        reply, &QNetworkReply::finished, this, [reply, flags, endpoint, done = std::move(done)] {
            reply->deleteLater();
            SignupResult result;
            const QNetworkReply::NetworkError error = reply->error();
            const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            // Qt's error codes below 200 are transport/proxy failures; above are derived
            // from an HTTP answer, which parseResponse maps by status.
            const bool transportError = error != QNetworkReply::NoError && error < 200;
            if (flags->tooLarge) {
                result = make(Status::BadResponse, statusAttr.toInt(),
                              QStringLiteral("response body too large"));
            } else if (flags->timedOut || error == QNetworkReply::TimeoutError ||
                       error == QNetworkReply::OperationCanceledError) {
                // Only the transfer timeout or our deadline cancel requests.
                result = make(Status::Timeout, 0, QStringLiteral("timed out"));
            } else if (error == QNetworkReply::SslHandshakeFailedError) {
                result = make(Status::TlsError, 0, reply->errorString());
            } else if (transportError) {
                result = make(Status::Offline, 0, reply->errorString());
            } else if (statusAttr.isValid() && statusAttr.toInt() > 0) {
                result = parseResponse(statusAttr.toInt(), reply->read(kMaxBodyBytes + 1),
                                       reply->rawHeader("Retry-After"), endpoint);
            } else {
                result = make(Status::BadResponse, 0, reply->errorString());
            }
            IMP_LOG_INFO("signup: {} -> {} (HTTP {}) {}", endpointName(endpoint),
                         toString(result.status), result.httpStatus, result.detail.toStdString());
            if (done)
                done(result);
        });
}

SignupResult SignupClient::parseResponse(int httpStatus, const QByteArray &body,
                                         const QByteArray &retryAfterHeader, Endpoint endpoint)
{
    QJsonObject obj;
    bool isObject = false;
    if (!body.isEmpty() && body.size() <= kMaxBodyBytes) {
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
            obj = doc.object();
            isObject = true;
        }
    }

    SignupResult r;
    r.httpStatus = httpStatus;
    r.errorCode = safeCode(stringField(obj, "error"));
    r.which = safeCode(stringField(obj, "which"));
    r.reason = safeCode(stringField(obj, "reason"));
    r.retryAfterSeconds = parseRetryAfter(retryAfterHeader);
    if (r.retryAfterSeconds < 0)
        r.retryAfterSeconds = intField(obj, "retry_after");
    r.expiresIn = intField(obj, "expires_in");
    r.attemptsLeft = intField(obj, "attempts_left");
    r.detail = QStringLiteral("HTTP %1").arg(httpStatus);
    if (!r.errorCode.isEmpty())
        r.detail += QStringLiteral(" error=") + r.errorCode;

    if (httpStatus >= 200 && httpStatus < 300) {
        if (!isObject) {
            r.status = Status::BadResponse;
            r.detail += QStringLiteral(" (body is not a JSON object)");
            return r;
        }
        switch (endpoint) {
        case Endpoint::Config: {
            r.config.minVersion = stringField(obj, "min_version");
            r.config.latestVersion = stringField(obj, "latest_version");
            const QJsonObject agreement = obj.value(QLatin1String("agreement")).toObject();
            r.config.agreementId = stringField(agreement, "id");
            r.config.agreementVersion = stringField(agreement, "version");
            if (r.config.agreementVersion.isEmpty() &&
                agreement.value(QLatin1String("version")).isDouble())
                r.config.agreementVersion = QString::number(intField(agreement, "version"));
            r.config.agreementSha256 = stringField(agreement, "sha256");
            const QJsonObject xmpp = obj.value(QLatin1String("xmpp")).toObject();
            r.config.xmppDomain = stringField(xmpp, "domain");
            r.config.xmppC2sPort = xmpp.value("c2s_port").toInt();
            r.config.xmppDirectTlsPort = xmpp.value("direct_tls_port").toInt();
            const bool ok = httpStatus == 200 && !r.config.minVersion.isEmpty();
            r.status = ok ? Status::Ok : Status::BadResponse;
            if (!ok)
                r.detail += QStringLiteral(" (config without min_version)");
            return r;
        }
        case Endpoint::Code:
            r.status = httpStatus == 202 ? Status::Ok : Status::BadResponse;
            return r;
        case Endpoint::Verify:
            r.jid = stringField(obj, "jid");
            r.imptechId = stringField(obj, "imptech_id");
            if ((httpStatus != 200 && httpStatus != 201) || r.jid.isEmpty()) {
                r.status = Status::BadResponse;
                r.detail += QStringLiteral(" (no jid)");
                return r;
            }
            r.status = httpStatus == 201 ? Status::Created : Status::Rebound;
            return r;
        }
    }

    switch (httpStatus) {
    case 400:
        if (r.errorCode == QLatin1String("invalid_phone"))
            r.status = Status::InvalidPhone;
        else if (r.errorCode == QLatin1String("guardian_required"))
            r.status = Status::GuardianRequired;
        else
            r.status = Status::InvalidRequest;
        return r;
    case 401:
        r.status = Status::WrongCode;
        return r;
    case 410:
        r.status = Status::CodeExpired;
        return r;
    case 426:
        r.status = Status::ClientOutdated;
        return r;
    case 429:
        r.status = Status::RateLimited;
        return r;
    default:
        break;
    }
    if (httpStatus >= 400 && httpStatus < 500)
        r.status = Status::InvalidRequest;
    else if (httpStatus >= 500 && httpStatus < 600)
        r.status = Status::ServerError;
    else
        r.status = Status::BadResponse; // 1xx/3xx (redirects are not followed) or nonsense
    return r;
}

} // namespace imp::account
