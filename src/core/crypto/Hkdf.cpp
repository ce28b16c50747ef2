#include "crypto/Hkdf.h"

#include "common/Log.h"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <vector>

namespace imp::crypto {
namespace {

constexpr int MaxLength = 255 * 32; // RFC 5869: L <= 255 * HashLen

OSSL_PARAM octets(const char *name, const QByteArray &data)
{
    // OpenSSL only reads these buffers; the cast drops const for its C signature.
    return OSSL_PARAM_construct_octet_string(name, const_cast<char *>(data.constData()),
                                             static_cast<size_t>(data.size()));
}

} // namespace

QByteArray Hkdf::deriveSha256(const QByteArray &inputKey, const QByteArray &salt,
                              const QByteArray &info, int length)
{
    if (length <= 0 || length > MaxLength)
        return {};

    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr),
                                                          &EVP_KDF_free);
    if (!kdf) {
        IMP_LOG_ERROR("crypto: OpenSSL has no HKDF implementation");
        return {};
    }
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()),
                                                                  &EVP_KDF_CTX_free);
    if (!ctx)
        return {};

    char digest[] = "SHA256";
    std::vector<OSSL_PARAM> params;
    params.push_back(OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0));
    params.push_back(octets(OSSL_KDF_PARAM_KEY, inputKey));
    // RFC 5869: an absent salt means HashLen zero bytes, which is what OpenSSL does by default.
    if (!salt.isEmpty())
        params.push_back(octets(OSSL_KDF_PARAM_SALT, salt));
    if (!info.isEmpty())
        params.push_back(octets(OSSL_KDF_PARAM_INFO, info));
    params.push_back(OSSL_PARAM_construct_end());

    QByteArray out(length, Qt::Uninitialized);
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char *>(out.data()),
                       static_cast<size_t>(length), params.data()) != 1) {
        IMP_LOG_ERROR("crypto: HKDF derivation failed");
        return {};
    }
    return out;
}

} // namespace imp::crypto
