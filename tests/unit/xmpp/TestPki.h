#pragma once

#include <QByteArray>
#include <QString>

// Throwaway certificates for the in-process fake servers: a CA and leaves it signs, made with
// OpenSSL at test time so nothing expires in the repository.
namespace imp::xmpp::test {

struct KeyAndCert {
    QByteArray keyPem;
    QByteArray certPem;
};

class TestPki {
public:
    static KeyAndCert makeCa(const QString &commonName);
    // validFromDays/validToDays are relative to now (negative = in the past).
    static KeyAndCert makeLeaf(const KeyAndCert &ca, const QString &dnsName, int validFromDays = -1,
                               int validToDays = 30);
};

} // namespace imp::xmpp::test
