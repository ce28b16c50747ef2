#include "xmpp/ScramClient.h"

#include <QList>
#include <QPair>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace imp::xmpp {

namespace {

const EVP_MD *digestFor(ScramClient::Algorithm a)
{
    return a == ScramClient::Algorithm::Sha256 ? EVP_sha256() : EVP_sha1();
}

void wipe(QByteArray &b)
{
    if (!b.isEmpty())
        OPENSSL_cleanse(b.data(), static_cast<size_t>(b.size()));
    b.clear();
}

// RFC 5802 saslname: ',' and '=' are escaped.
QByteArray escapeSaslName(const QString &name)
{
    QByteArray out;
    for (char c : name.normalized(QString::NormalizationForm_KC).toUtf8()) {
        if (c == ',')
            out += "=2C";
        else if (c == '=')
            out += "=3D";
        else
            out += c;
    }
    return out;
}

// Splits "a=..,b=.." into attributes; values may contain '=' but not ','.
bool parseAttributes(const QByteArray &msg, QList<QPair<char, QByteArray>> &out)
{
    for (const QByteArray &part : msg.split(',')) {
        if (part.size() < 2 || part.at(1) != '=')
            return false;
        out.append({part.at(0), part.mid(2)});
    }
    return true;
}

} // namespace

ScramClient::ScramClient(Algorithm algorithm, const QString &username, const QString &password,
                         QByteArray clientNonce)
    : m_algorithm(algorithm)
    , m_username(escapeSaslName(username))
    // SASLprep is approximated by NFKC; enough for the passwords our own signup produces.
    , m_password(password.normalized(QString::NormalizationForm_KC).toUtf8())
    , m_clientNonce(std::move(clientNonce))
{
    if (m_clientNonce.isEmpty()) {
        QByteArray raw(24, Qt::Uninitialized);
        if (RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), 24) != 1)
            raw.fill('\0'); // unreachable in practice; the exchange then simply fails
        m_clientNonce = raw.toBase64();
    }
}

ScramClient::~ScramClient()
{
    wipe(m_password);
    wipe(m_expectedServerSignature);
}

QString ScramClient::mechanismName(Algorithm algorithm)
{
    return algorithm == Algorithm::Sha256 ? QStringLiteral("SCRAM-SHA-256")
                                          : QStringLiteral("SCRAM-SHA-1");
}

QByteArray ScramClient::clientFirstMessage() const
{
    return "n,,n=" + m_username + ",r=" + m_clientNonce;
}

QByteArray ScramClient::hmac(const QByteArray &key, const QByteArray &data) const
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(digestFor(m_algorithm), key.constData(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()),
         static_cast<size_t>(data.size()), out, &len);
    QByteArray r(reinterpret_cast<const char *>(out), static_cast<qsizetype>(len));
    OPENSSL_cleanse(out, sizeof out);
    return r;
}

QByteArray ScramClient::hash(const QByteArray &data) const
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.constData(), static_cast<size_t>(data.size()), out, &len,
               digestFor(m_algorithm), nullptr);
    QByteArray r(reinterpret_cast<const char *>(out), static_cast<qsizetype>(len));
    OPENSSL_cleanse(out, sizeof out);
    return r;
}

Result<QByteArray> ScramClient::handleServerFirst(const QByteArray &serverFirst)
{
    if (m_step != Step::Start)
        return makeError("auth.scram_invalid", "unexpected server-first");
    m_step = Step::Failed; // until proven otherwise

    QList<QPair<char, QByteArray>> attrs;
    if (!parseAttributes(serverFirst, attrs))
        return makeError("auth.scram_invalid", "malformed server-first");
    if (!attrs.isEmpty() && attrs.first().first == 'e')
        return makeError("auth.failed", "server rejected the exchange");
    if (!attrs.isEmpty() && attrs.first().first == 'm')
        return makeError("auth.scram_invalid", "unsupported mandatory extension");
    if (attrs.size() < 3 || attrs[0].first != 'r' || attrs[1].first != 's' || attrs[2].first != 'i')
        return makeError("auth.scram_invalid", "server-first lacks r, s or i");

    const QByteArray &nonce = attrs[0].second;
    // The server's part must extend ours, or this reply belongs to some other exchange.
    if (nonce.size() <= m_clientNonce.size() || !nonce.startsWith(m_clientNonce))
        return makeError("auth.scram_invalid", "server nonce does not extend the client nonce");
    for (char c : nonce)
        if (c < 0x21 || c > 0x7e || c == ',')
            return makeError("auth.scram_invalid", "nonce has invalid characters");

    const auto salt =
        QByteArray::fromBase64Encoding(attrs[1].second, QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || salt.decoded.isEmpty())
        return makeError("auth.scram_invalid", "bad salt");

    bool okIter = false;
    const QByteArray &iterText = attrs[2].second;
    const int iterations = iterText.toInt(&okIter);
    if (!okIter || iterText.isEmpty() || iterText.at(0) < '0' || iterText.at(0) > '9')
        return makeError("auth.scram_invalid", "bad iteration count");
    if (iterations < kMinIterations || iterations > kMaxIterations)
        return makeError("auth.scram_iterations", "iteration count out of bounds");

    const EVP_MD *md = digestFor(m_algorithm);
    const int mdLen = EVP_MD_get_size(md);
    QByteArray salted(mdLen, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(m_password.constData(), static_cast<int>(m_password.size()),
                          reinterpret_cast<const unsigned char *>(salt.decoded.constData()),
                          static_cast<int>(salt.decoded.size()), iterations, md, mdLen,
                          reinterpret_cast<unsigned char *>(salted.data())) != 1)
        return makeError("auth.scram_invalid", "PBKDF2 failed");
    wipe(m_password);

    const QByteArray clientFinalBare = "c=biws,r=" + nonce;
    const QByteArray authMessage =
        "n=" + m_username + ",r=" + m_clientNonce + "," + serverFirst + "," + clientFinalBare;

    QByteArray clientKey = hmac(salted, "Client Key");
    QByteArray storedKey = hash(clientKey);
    QByteArray clientSignature = hmac(storedKey, authMessage);
    QByteArray proof = clientKey;
    for (qsizetype k = 0; k < proof.size(); ++k)
        proof[k] = static_cast<char>(proof[k] ^ clientSignature[k]);
    QByteArray serverKey = hmac(salted, "Server Key");
    m_expectedServerSignature = hmac(serverKey, authMessage);

    const QByteArray clientFinal = clientFinalBare + ",p=" + proof.toBase64();
    for (QByteArray *secret :
         {&salted, &clientKey, &storedKey, &clientSignature, &proof, &serverKey})
        wipe(*secret);
    m_step = Step::AwaitFinal;
    return clientFinal;
}

Result<void> ScramClient::verifyServerFinal(const QByteArray &serverFinal)
{
    if (m_step != Step::AwaitFinal)
        return makeError("auth.scram_invalid", "unexpected server-final");
    m_step = Step::Failed;
    QList<QPair<char, QByteArray>> attrs;
    if (!parseAttributes(serverFinal, attrs) || attrs.isEmpty())
        return makeError("auth.scram_invalid", "malformed server-final");
    if (attrs.first().first == 'e')
        return makeError("auth.failed", "server rejected the proof");
    if (attrs.first().first != 'v')
        return makeError("auth.scram_invalid", "server-final lacks v");
    const auto sig = QByteArray::fromBase64Encoding(attrs.first().second,
                                                    QByteArray::AbortOnBase64DecodingErrors);
    // A server that cannot prove it knows the password's keys is not our server.
    if (!sig || sig.decoded.size() != m_expectedServerSignature.size() ||
        CRYPTO_memcmp(sig.decoded.constData(), m_expectedServerSignature.constData(),
                      static_cast<size_t>(sig.decoded.size())) != 0)
        return makeError("auth.server_signature", "server signature mismatch");
    wipe(m_expectedServerSignature);
    m_step = Step::Done;
    return {};
}

} // namespace imp::xmpp
