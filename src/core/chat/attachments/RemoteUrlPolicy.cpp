#include "chat/attachments/RemoteUrlPolicy.h"

namespace imp::chat::attachments {

bool RemoteUrlPolicy::isTrusted(const QString &host) const
{
    return m_trusted.contains(host, Qt::CaseInsensitive);
}

bool RemoteUrlPolicy::isPublic(const QHostAddress &address)
{
    if (address.isNull() || address.isLoopback() || address.isLinkLocal() ||
        address.isSiteLocal() || address.isUniqueLocalUnicast() || address.isMulticast() ||
        address.isBroadcast() || address == QHostAddress(QHostAddress::AnyIPv4) ||
        address == QHostAddress(QHostAddress::AnyIPv6))
        return false;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also for ::ffff:a.b.c.d
    if (isV4) {
        const quint32 a = v4 >> 24;
        if (a == 0 || a == 10 || a == 127 || a >= 224)
            return false;
        if ((v4 & 0xffc00000u) == 0x64400000u) // 100.64.0.0/10, carrier-grade NAT
            return false;
        if ((v4 & 0xfff00000u) == 0xac100000u || (v4 & 0xffff0000u) == 0xc0a80000u ||
            (v4 & 0xffff0000u) == 0xa9fe0000u)
            return false;
    }
    return true;
}

RemoteUrlPolicy::Verdict RemoteUrlPolicy::check(const QUrl &url) const
{
    if (!url.isValid() || url.host().isEmpty())
        return Verdict::Malformed;
    if (url.scheme() != QLatin1String("https"))
        return Verdict::NotHttps;
    const QString host = url.host().toLower();
    if (isTrusted(host))
        return Verdict::Allowed;
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")) ||
        host.endsWith(QLatin1String(".local")) || host.endsWith(QLatin1String(".internal")))
        return Verdict::PrivateAddress;
    const QHostAddress literal(host);
    if (!literal.isNull() && !isPublic(literal))
        return Verdict::PrivateAddress;
    return Verdict::Allowed;
}

RemoteUrlPolicy::Verdict RemoteUrlPolicy::checkResolved(const QUrl &url,
                                                        const QList<QHostAddress> &addresses) const
{
    const Verdict first = check(url);
    if (first != Verdict::Allowed || isTrusted(url.host()))
        return first;
    if (addresses.isEmpty())
        return Verdict::Malformed;
    for (const auto &address : addresses)
        if (!isPublic(address))
            return Verdict::PrivateAddress;
    return Verdict::Allowed;
}

} // namespace imp::chat::attachments
