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
    std::chrono::milliseconds pingInterval =
        std::chrono::seconds(60); // idle time before we ping the server; 0 = off
    std::chrono::milliseconds pingTimeout =
        std::chrono::seconds(20); // no answer -> connection treated as dead (retry)
    // A stanza the server has begun must end within this, or the connection is treated as
    // dead (retry): every byte proves the link alive, so a stanza growing a byte at a time
    // would otherwise hold us forever. 0 = off.
    std::chrono::milliseconds stanzaTimeout = std::chrono::seconds(60);
    // Online this long before the reconnect backoff starts over: a server that drops us right
    // after each login meets growing delays instead of a login every second or two.
    std::chrono::milliseconds stableSession = std::chrono::seconds(30);
    bool streamManagement = true; // use XEP-0198 when offered
};

} // namespace imp::xmpp
