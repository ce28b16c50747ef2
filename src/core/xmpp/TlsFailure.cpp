#include "xmpp/TlsFailure.h"

namespace imp::xmpp {

std::string classifyTlsErrors(const QList<QSslError> &errors)
{
    bool unknownCa = false, expired = false, hostMismatch = false;
    for (const auto &e : errors) {
        switch (e.error()) {
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted:
        case QSslError::CertificateRejected:
        case QSslError::InvalidCaCertificate:
            unknownCa = true;
            break;
        case QSslError::CertificateExpired:
        case QSslError::CertificateNotYetValid:
            expired = true;
            break;
        case QSslError::HostNameMismatch:
            hostMismatch = true;
            break;
        default:
            break;
        }
    }
    if (unknownCa)
        return "tls.unknown_ca";
    if (expired)
        return "tls.expired";
    if (hostMismatch)
        return "tls.host_mismatch";
    return "tls.failed";
}

} // namespace imp::xmpp
