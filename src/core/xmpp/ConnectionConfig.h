#pragma once

#include <QString>
#include <chrono>

namespace imp::xmpp {

struct ConnectionConfig {
    QString domain;               // the XMPP domain; also the name the certificate must carry
    QString host;                 // where to connect; the domain when empty
    quint16 directTlsPort = 5223; // 0 skips direct TLS
    quint16 startTlsPort = 5222;  // 0 disables the STARTTLS fallback
    QString username;             // node part of the account JID
    QString password;             // never logged
    QString resource;             // the device id
    QString caFile;               // PEM; when set, the ONLY trusted CA (else the system CAs)
    std::chrono::milliseconds connectTimeout = std::chrono::seconds(10);
    std::chrono::milliseconds negotiationTimeout = std::chrono::seconds(30);
};

} // namespace imp::xmpp
