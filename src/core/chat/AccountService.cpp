#include "AccountService.h"

#include "account/Credentials.h"
#include "common/Log.h"
#include "legal/AgreementCatalogue.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrl>

namespace imp::chat {
namespace {

constexpr const char *AccountSetting = "account";
constexpr const char *DeviceSetting = "device";
const QString DirectoryNs = QStringLiteral("urn:imptech:directory:0");
const QString ConsentNs = QStringLiteral("urn:imptech:consent:0");

QJsonObject accountToJson(const AccountService::Account &a)
{
    return {{"jid", a.jid},
            {"password", a.password},
            {"imptech_id", a.imptechId},
            {"nickname", a.nickname},
            {"domain", a.domain},
            {"host", a.host},
            {"c2s_port", a.c2sPort},
            {"direct_tls_port", a.directTlsPort}};
}

AccountService::Account accountFromJson(const QJsonObject &o)
{
    AccountService::Account a;
    a.jid = o.value("jid").toString();
    a.password = o.value("password").toString();
    a.imptechId = o.value("imptech_id").toString();
    a.nickname = o.value("nickname").toString();
    a.domain = o.value("domain").toString();
    a.host = o.value("host").toString();
    a.c2sPort = o.value("c2s_port").toInt();
    a.directTlsPort = o.value("direct_tls_port").toInt();
    return a;
}

} // namespace

AccountService::AccountService(std::shared_ptr<Profile> profile, Endpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_endpoint(std::move(endpoint))
    , m_signup(std::make_unique<account::SignupClient>(QUrl("https://" + m_endpoint.server),
                                                       m_endpoint.caFile, m_endpoint.clientVersion))
    , m_xmpp(std::make_unique<xmpp::XmppClient>())
{
    connect(m_xmpp.get(), &xmpp::XmppClient::stateChanged, this, [this](auto state) {
        if (state == xmpp::XmppClient::State::Online && m_receiptPending)
            sendConsentReceipt();
        emit stateChanged();
    });
    connect(m_xmpp.get(), &xmpp::XmppClient::errorOccurred, this, [this] { emit stateChanged(); });
    connect(m_xmpp.get(), &xmpp::XmppClient::sessionStarted, this, &AccountService::sessionStarted);
}

AccountService::~AccountService() = default;

void AccountService::load(std::function<void(bool)> done)
{
    m_profile->setting(DeviceSetting).then(this, [this](Result<std::optional<QByteArray>> device) {
        if (device && device.value()) {
            const auto o = QJsonDocument::fromJson(*device.value()).object();
            m_device = account::DeviceIds{
                o.value("install_id").toString(), o.value("device_id").toString(),
                account::DeviceIdentity::deviceName(), account::DeviceIdentity::platform()};
        }
    });
    m_profile->setting(AccountSetting)
        .then(this, [this, done = std::move(done)](Result<std::optional<QByteArray>> stored) {
            if (stored && stored.value()) {
                m_account = accountFromJson(QJsonDocument::fromJson(*stored.value()).object());
                emit accountChanged();
            }
            done(m_account.registered());
        });
}

void AccountService::ensureDevice()
{
    if (m_device)
        return;
    // Created at the first sign-up step, long after consent, and kept for this profile.
    m_device = account::DeviceIdentity::create();
    const QJsonObject o{{"install_id", m_device->installId}, {"device_id", m_device->deviceId}};
    m_profile->putSetting(DeviceSetting, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void AccountService::persist()
{
    m_profile
        ->putSetting(AccountSetting,
                     QJsonDocument(accountToJson(m_account)).toJson(QJsonDocument::Compact))
        .then(this, [](Result<void> stored) {
            // The session stays usable; the next change or start writes it again.
            if (!stored)
                IMP_LOG_ERROR("could not store the account: {}", stored.error().code);
        });
}

void AccountService::requestCode(const QString &e164, const QString &purpose, SignupCallback done)
{
    ensureDevice();
    m_signup->requestCode(e164, purpose, m_device->installId, std::move(done));
}

void AccountService::registerAccount(const QString &e164, const QString &code,
                                     std::optional<account::SignupClient::Guardian> guardian,
                                     const QJsonObject &consent, SignupCallback done)
{
    ensureDevice();
    // The server announces where XMPP lives; ask first so a failure costs no code attempt.
    m_signup->fetchConfig([this, e164, code, guardian, consent,
                           done = std::move(done)](const account::SignupResult &config) {
        if (!config.succeeded())
            return done(config);
        account::SignupClient::VerifyRequest request;
        request.phone = e164;
        request.code = code;
        request.installId = m_device->installId;
        request.password = account::Credentials::generatePassword();
        request.device = *m_device;
        request.consent = consent;
        request.guardian = guardian;
        const QString host = m_endpoint.server.section(':', 0, -2);
        m_signup->verify(request, [this, request, config, host,
                                   done](const account::SignupResult &result) {
            if (result.succeeded()) {
                m_account.jid = result.jid;
                m_account.password = request.password;
                m_account.imptechId = result.imptechId;
                m_account.domain = config.config.xmppDomain.isEmpty() ? result.jid.section('@', 1)
                                                                      : config.config.xmppDomain;
                m_account.host = host;
                m_account.c2sPort = config.config.xmppC2sPort ? config.config.xmppC2sPort : 5222;
                m_account.directTlsPort =
                    config.config.xmppDirectTlsPort ? config.config.xmppDirectTlsPort : 5223;
                persist();
                m_receiptPending = true;
                IMP_LOG_INFO("account {} on this device",
                             result.status == account::SignupResult::Status::Rebound ? "re-bound"
                                                                                     : "created");
                emit accountChanged();
                connectToServer();
            }
            done(result);
        });
    });
}

void AccountService::connectToServer()
{
    if (!m_account.registered())
        return;
    xmpp::ConnectionConfig config;
    config.domain = m_account.domain;
    config.host = m_account.host;
    config.directTlsPort = static_cast<quint16>(m_account.directTlsPort);
    config.startTlsPort = static_cast<quint16>(m_account.c2sPort);
    config.username = m_account.jid.section('@', 0, 0);
    config.password = m_account.password;
    config.resource = m_device ? m_device->deviceId : QStringLiteral("imptech");
    config.caFile = m_endpoint.caFile;
    m_xmpp->connectToServer(config);
}

void AccountService::disconnectFromServer()
{
    m_xmpp->disconnectFromServer();
}

void AccountService::directoryIq(const QString &type, const xmpp::XmlElement &payload,
                                 std::function<void(Result<xmpp::XmlElement>)> done)
{
    xmpp::XmlElement iq("iq", "jabber:client");
    iq.setAttribute("type", type);
    iq.setAttribute("to", m_account.domain);
    iq.addChild(payload);
    m_xmpp->sendIq(iq, [done = std::move(done)](Result<xmpp::XmlElement> reply) {
        // IqTracker already turns error replies into errors (xmpp.iq.<condition>).
        if (!reply)
            return done(reply.error());
        done(reply.value());
    });
}

void AccountService::fetchMe(std::function<void(Result<DirectoryMe>)> done)
{
    directoryIq("get", xmpp::XmlElement("me", DirectoryNs),
                [this, done = std::move(done)](Result<xmpp::XmlElement> reply) {
                    if (!reply)
                        return done(reply.error());
                    const auto me = reply->firstChild("me", DirectoryNs);
                    DirectoryMe result;
                    result.imptechId = me.attribute("imptech-id");
                    result.changeable = me.attribute("changeable") == "true";
                    result.minorsMode = me.attribute("minors-mode") == "true";
                    result.nickname = me.attribute("nickname");
                    if (!result.imptechId.isEmpty() && result.imptechId != m_account.imptechId) {
                        m_account.imptechId = result.imptechId;
                        persist();
                        emit accountChanged();
                    }
                    done(result);
                });
}

void AccountService::setImptechId(const QString &id, std::function<void(Result<void>)> done)
{
    xmpp::XmlElement payload("set-id", DirectoryNs);
    payload.setAttribute("id", id);
    directoryIq("set", payload, [this, id, done = std::move(done)](Result<xmpp::XmlElement> reply) {
        if (!reply)
            return done(reply.error());
        m_account.imptechId = id;
        persist();
        emit accountChanged();
        done({});
    });
}

void AccountService::setNickname(const QString &nickname, std::function<void(Result<void>)> done)
{
    xmpp::XmlElement payload("profile", DirectoryNs);
    payload.setAttribute("nickname", nickname);
    directoryIq("set", payload,
                [this, nickname, done = std::move(done)](Result<xmpp::XmlElement> reply) {
                    if (!reply)
                        return done(reply.error());
                    m_account.nickname = nickname;
                    persist();
                    emit accountChanged();
                    done({});
                });
}

void AccountService::sendConsentReceipt()
{
    m_receiptPending = false;
    m_profile->latestDecision(legal::AgreementCatalogue::AgreementId)
        .then(this, [this](Result<std::optional<legal::ConsentRecord>> latest) {
            if (!latest || !latest.value())
                return;
            const auto &record = *latest.value();
            xmpp::XmlElement receipt("receipt", ConsentNs);
            receipt.setAttribute("document", record.documentId);
            receipt.setAttribute("version", QString::number(record.version));
            receipt.setAttribute("sha256", QString::fromLatin1(record.sha256Hex));
            receipt.setAttribute(
                "accepted-at",
                QDateTime::fromMSecsSinceEpoch(record.decidedAtMs, Qt::UTC).toString(Qt::ISODate));
            receipt.setAttribute("locale", record.locale);
            xmpp::XmlElement iq("iq", "jabber:client");
            iq.setAttribute("type", "set");
            iq.setAttribute("to", m_account.domain);
            iq.addChild(receipt);
            m_xmpp->sendIq(iq, [](Result<xmpp::XmlElement> reply) {
                if (!reply || reply->attribute("type") == "error")
                    IMP_LOG_WARN("the server did not store the consent receipt");
            });
        });
}

} // namespace imp::chat
