#pragma once

#include <QString>

namespace imp::account {

// GET /signup/v1/config (DESIGN §5).
struct SignupConfig {
    QString minVersion;
    QString latestVersion;
    QString agreementId;
    QString agreementVersion;
    QString agreementSha256;
    // Where to reach XMPP, announced by the server so the app needs only one address.
    QString xmppDomain;
    int xmppC2sPort = 0;
    int xmppDirectTlsPort = 0;
};

// The outcome of one signup API call, already mapped from HTTP so the UI branches on `status`.
struct SignupResult {
    enum class Status {
        Ok,               // 202 code sent; 200 config fetched
        Created,          // 201 new account
        Rebound,          // 200 existing account bound to this device
        InvalidPhone,     // 400 invalid_phone
        RateLimited,      // 429; see retryAfterSeconds
        WrongCode,        // 401; see attemptsLeft
        CodeExpired,      // 410
        ClientOutdated,   // 426
        GuardianRequired, // 400 guardian_required
        InvalidRequest,   // other 4xx
        Timeout,          // no complete answer within the timeout
        Offline,          // no connection (refused, no route, DNS, dropped before an answer)
        TlsError,         // handshake or certificate failure, or an insecure URL refused
        ServerError,      // 5xx
        BadResponse,      // success status with an unparsable/incomplete body, unexpected status
    };

    Status status = Status::BadResponse;
    int httpStatus = 0;         // 0 when no HTTP answer arrived
    int retryAfterSeconds = -1; // -1 when not given
    int attemptsLeft = -1;      // -1 when not given
    int expiresIn = -1;         // seconds, -1 when not given
    QString jid;                // Created / Rebound
    QString imptechId;          // Created / Rebound
    QString errorCode;          // the server's "error" string, e.g. "invalid_phone"
    QString which;              // for 401/410: "account" or "guardian" (whose code failed)
    QString reason;             // for 410: "no_code", "used", "expired", "attempts_exhausted"
    SignupConfig config;        // fetchConfig() only
    QString detail;             // English, for logs; never personal data

    bool succeeded() const
    {
        return status == Status::Ok || status == Status::Created || status == Status::Rebound;
    }
};

const char *toString(SignupResult::Status status);

} // namespace imp::account
