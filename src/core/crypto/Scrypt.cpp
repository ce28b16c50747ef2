#include "crypto/Scrypt.h"

#include <limits>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace imp::crypto {

Result<QByteArray> Scrypt::derive(const QString &passcode, const QByteArray &salt, int length,
                                  Params params)
{
    const bool powerOfTwo = params.n > 1 && (params.n & (params.n - 1)) == 0;
    if (!powerOfTwo || params.r == 0 || params.p == 0 || length <= 0)
        return makeError("crypto.bad_params", "invalid scrypt parameters");

    // OpenSSL needs p*128*r bytes for B plus 128*r*(n+2) for V; allow exactly that plus slack
    // so legitimate parameters are never refused while absurd ones still are.
    const quint64 limit = std::numeric_limits<quint64>::max() / 4;
    if (params.r > limit / 128 || params.n + 2 > limit / (128 * params.r) ||
        params.p > limit / (128 * params.r))
        return makeError("crypto.bad_params", "scrypt parameters overflow memory bounds");
    const quint64 maxMem = 128 * params.r * (params.n + 2) + 128 * params.r * params.p + (1u << 20);

    QByteArray password = passcode.normalized(QString::NormalizationForm_C).toUtf8();
    QByteArray out(length, Qt::Uninitialized);
    const int rc =
        EVP_PBE_scrypt(password.constData(), static_cast<size_t>(password.size()),
                       reinterpret_cast<const unsigned char *>(salt.constData()),
                       static_cast<size_t>(salt.size()), params.n, params.r, params.p, maxMem,
                       reinterpret_cast<unsigned char *>(out.data()), static_cast<size_t>(length));
    // The encoded passcode is a copy we own; do not leave it in freed memory.
    OPENSSL_cleanse(password.data(), static_cast<size_t>(password.size()));
    if (rc != 1)
        return makeError("crypto.internal", "scrypt derivation failed (parameters or memory)");
    return out;
}

} // namespace imp::crypto
