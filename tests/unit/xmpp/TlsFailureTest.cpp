#include "xmpp/TlsFailure.h"

#include <gtest/gtest.h>

using imp::xmpp::classifyTlsErrors;

TEST(TlsFailureTest, MapsErrorsToReasonCodes)
{
    EXPECT_EQ(classifyTlsErrors({QSslError(QSslError::SelfSignedCertificate)}), "tls.unknown_ca");
    EXPECT_EQ(classifyTlsErrors({QSslError(QSslError::UnableToGetLocalIssuerCertificate)}),
              "tls.unknown_ca");
    EXPECT_EQ(classifyTlsErrors({QSslError(QSslError::CertificateExpired)}), "tls.expired");
    EXPECT_EQ(classifyTlsErrors({QSslError(QSslError::CertificateNotYetValid)}), "tls.expired");
    EXPECT_EQ(classifyTlsErrors({QSslError(QSslError::HostNameMismatch)}), "tls.host_mismatch");
    EXPECT_EQ(classifyTlsErrors({QSslError(QSslError::CertificateRevoked)}), "tls.failed");
    EXPECT_EQ(classifyTlsErrors({}), "tls.failed");
}

TEST(TlsFailureTest, UntrustedChainWinsOverOtherErrors)
{
    EXPECT_EQ(classifyTlsErrors({QSslError(QSslError::HostNameMismatch),
                                 QSslError(QSslError::CertificateExpired),
                                 QSslError(QSslError::SelfSignedCertificate)}),
              "tls.unknown_ca");
    EXPECT_EQ(classifyTlsErrors({QSslError(QSslError::HostNameMismatch),
                                 QSslError(QSslError::CertificateExpired)}),
              "tls.expired");
}
