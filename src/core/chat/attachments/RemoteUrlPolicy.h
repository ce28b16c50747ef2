#pragma once

#include <QHostAddress>
#include <QStringList>
#include <QUrl>

namespace imp::chat::attachments {

// Which URLs a peer's attachment may make this device fetch. Only https; never this machine,
// the local network or link-local addresses (a hostile peer could otherwise probe them through
// us), except the hosts of our own server, which the account configured (a development server
// on loopback is one).
class RemoteUrlPolicy {
public:
    explicit RemoteUrlPolicy(QStringList trustedHosts = {})
        : m_trusted(std::move(trustedHosts))
    {}

    enum class Verdict { Allowed, NotHttps, PrivateAddress, Malformed };
    // Decided on the URL alone (an IP literal or a name like "localhost").
    Verdict check(const QUrl &url) const;
    // Decided on what the name resolved to: every address must be public.
    Verdict checkResolved(const QUrl &url, const QList<QHostAddress> &addresses) const;

    bool isTrusted(const QString &host) const;
    void setTrustedHosts(QStringList hosts) { m_trusted = std::move(hosts); }
    static bool isPublic(const QHostAddress &address);

private:
    QStringList m_trusted;
};

} // namespace imp::chat::attachments
