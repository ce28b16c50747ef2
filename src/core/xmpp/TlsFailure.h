#pragma once

#include <QList>
#include <QSslError>
#include <string>

namespace imp::xmpp {

// Maps what the TLS layer reported to one reason code the UI can explain. When several
// errors occur, an untrusted chain wins: nothing else about such a certificate is believable.
// Codes: tls.unknown_ca, tls.expired, tls.host_mismatch, tls.failed.
std::string classifyTlsErrors(const QList<QSslError> &errors);

} // namespace imp::xmpp
