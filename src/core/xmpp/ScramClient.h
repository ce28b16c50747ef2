#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace imp::xmpp {

// The client side of SASL SCRAM (RFC 5802, RFC 7677) without channel binding ("n,,").
// Messages in and out are the raw SCRAM strings; the caller base64-encodes them for XMPP.
// Secrets (password, salted password, keys) are wiped when no longer needed and never logged.
class ScramClient {
public:
    enum class Algorithm { Sha1, Sha256 };

    // clientNonce is for tests (RFC vectors); empty means 24 random bytes, base64.
    ScramClient(Algorithm algorithm, const QString &username, const QString &password,
                QByteArray clientNonce = {});
    ~ScramClient();
    ScramClient(const ScramClient &) = delete;
    ScramClient &operator=(const ScramClient &) = delete;

    // Fewer rounds make a stolen exchange cheap to brute-force; too many would block the main
    // thread (PBKDF2 runs there), so both bounds are enforced.
    static constexpr int kMinIterations = 4096;
    static constexpr int kMaxIterations = 200000;

    static QString mechanismName(Algorithm algorithm);

    QByteArray clientFirstMessage() const;
    // Checks the server-first message and returns client-final (with the proof).
    // Errors: auth.scram_invalid (malformed, nonce not extending ours, unsupported extension),
    // auth.scram_iterations (count out of bounds), auth.failed (server sent e=).
    Result<QByteArray> handleServerFirst(const QByteArray &serverFirst);
    // Checks the server signature (constant time). auth.server_signature on mismatch.
    Result<void> verifyServerFinal(const QByteArray &serverFinal);

private:
    QByteArray hmac(const QByteArray &key, const QByteArray &data) const;
    QByteArray hash(const QByteArray &data) const;

    Algorithm m_algorithm;
    QByteArray m_username; // saslname-escaped
    QByteArray m_password; // UTF-8, normalised; wiped after use
    QByteArray m_clientNonce;
    QByteArray m_expectedServerSignature;
    enum class Step { Start, AwaitFinal, Done, Failed } m_step = Step::Start;
};

} // namespace imp::xmpp
