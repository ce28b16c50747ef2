#include "TestPki.h"

#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdexcept>

namespace imp::xmpp::test {

namespace {

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

QByteArray bioToBytes(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    QByteArray out(data, static_cast<qsizetype>(len));
    BIO_free(bio);
    return out;
}

QByteArray keyPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioToBytes(bio);
}

QByteArray certPem(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    return bioToBytes(bio);
}

void addExt(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        throw std::runtime_error("bad extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

Cert newCert(EVP_PKEY *key, const QString &cn, int fromDays, int toDays, long serial)
{
    Cert cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 86400L * fromDays);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * toDays);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cnUtf8 = cn.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cnUtf8.constData()), -1, -1,
                               0);
    return cert;
}

PKey parseKey(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    PKey key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr), EVP_PKEY_free);
    BIO_free(bio);
    return key;
}

Cert parseCert(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    Cert cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr), X509_free);
    BIO_free(bio);
    return cert;
}

long nextSerial()
{
    static long serial = 1000;
    return ++serial;
}

} // namespace

KeyAndCert TestPki::makeCa(const QString &commonName)
{
    PKey key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    Cert cert = newCert(key.get(), commonName, -1, 365, nextSerial());
    X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
    addExt(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    addExt(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExt(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
    X509_sign(cert.get(), key.get(), EVP_sha256());
    return {keyPem(key.get()), certPem(cert.get())};
}

KeyAndCert TestPki::makeLeaf(const KeyAndCert &ca, const QString &dnsName, int validFromDays,
                             int validToDays)
{
    PKey caKey = parseKey(ca.keyPem);
    Cert caCert = parseCert(ca.certPem);
    PKey key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    Cert cert = newCert(key.get(), dnsName, validFromDays, validToDays, nextSerial());
    X509_set_issuer_name(cert.get(), X509_get_subject_name(caCert.get()));
    addExt(cert.get(), caCert.get(), NID_basic_constraints, "CA:FALSE");
    addExt(cert.get(), caCert.get(), NID_ext_key_usage, "serverAuth");
    addExt(cert.get(), caCert.get(), NID_authority_key_identifier, "keyid");
    addExt(cert.get(), caCert.get(), NID_subject_alt_name,
           ("DNS:" + dnsName.toStdString()).c_str());
    X509_sign(cert.get(), caKey.get(), EVP_sha256());
    return {keyPem(key.get()), certPem(cert.get())};
}

} // namespace imp::xmpp::test
