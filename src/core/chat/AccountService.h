#pragma once

#include "account/DeviceIdentity.h"
#include "account/SignupClient.h"
#include "chat/Profile.h"
#include "xmpp/XmppClient.h"

#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace imp::chat {

// The account behind a profile: sign-up over HTTPS, the stored credentials, and the XMPP
// session with the directory and consent IQs. The app's controllers and imptech-cli share it.
class AccountService : public QObject {
    Q_OBJECT

public:
    struct Endpoint {
        QString server; // HOST:PORT of the HTTPS API
        QString caFile; // only trusted CA when set
        QString clientVersion;
    };
    // What is kept (sealed) in the profile once registered. The password never leaves it
    // except to the server.
    struct Account {
        QString jid;
        QString password;
        QString imptechId;
        QString nickname;
        QString domain;
        QString host;
        int c2sPort = 0;
        int directTlsPort = 0;
        bool registered() const { return !jid.isEmpty() && !password.isEmpty(); }
    };
    struct DirectoryMe {
        QString imptechId;
        bool changeable = false;
        bool minorsMode = false;
        QString nickname;
    };
    using SignupCallback = std::function<void(const account::SignupResult &)>;

    AccountService(std::shared_ptr<Profile> profile, Endpoint endpoint, QObject *parent = nullptr);
    ~AccountService() override;

    // Reads the stored account and device ids; `done(registered)`.
    void load(std::function<void(bool)> done);
    const Account &account() const { return m_account; }
    const Endpoint &endpoint() const { return m_endpoint; }
    const std::optional<account::DeviceIds> &device() const { return m_device; }

    void requestCode(const QString &e164, const QString &purpose, SignupCallback done);
    // Verifies the code(s) and, on success, stores the account and connects.
    void registerAccount(const QString &e164, const QString &code,
                         std::optional<account::SignupClient::Guardian> guardian,
                         const QJsonObject &consent, SignupCallback done);

    void connectToServer();
    void disconnectFromServer();
    // The session for the chat services; the app's controllers and the CLI use the calls below.
    xmpp::XmppClient &xmpp() { return *m_xmpp; }

    using ConnectionState = xmpp::XmppClient::State;
    ConnectionState connectionState() const { return m_xmpp->state(); }
    // Why the session last failed ("" when it has not): tls.*, auth.*, net.*, xmpp.*.
    QString lastConnectionError() const { return m_xmpp->lastError(); }
    // XEP-0352: whether the user is looking at the app (the server may hold back presence and
    // chat states while not). Remembered across sessions.
    void setClientActive(bool active) { m_xmpp->setClientActive(active); }

    void fetchMe(std::function<void(Result<DirectoryMe>)> done);
    void setImptechId(const QString &id, std::function<void(Result<void>)> done);
    void setNickname(const QString &nickname, std::function<void(Result<void>)> done);

signals:
    void accountChanged();
    // The connection state changed, or the session failed (lastConnectionError()).
    void stateChanged();
    // A session is up (after stateChanged to Online); resumed: XEP-0198 resumption, nothing lost.
    void sessionStarted(bool resumed);

private:
    void ensureDevice();
    void persist();
    void sendConsentReceipt();
    void directoryIq(const QString &type, const xmpp::XmlElement &payload,
                     std::function<void(Result<xmpp::XmlElement>)> done);

    std::shared_ptr<Profile> m_profile;
    Endpoint m_endpoint;
    Account m_account;
    std::optional<account::DeviceIds> m_device;
    std::unique_ptr<account::SignupClient> m_signup;
    std::unique_ptr<xmpp::XmppClient> m_xmpp;
    bool m_receiptPending = false;
};

} // namespace imp::chat
