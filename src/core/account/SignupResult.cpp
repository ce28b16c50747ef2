#include "SignupResult.h"

namespace imp::account {

const char *toString(SignupResult::Status status)
{
    using S = SignupResult::Status;
    switch (status) {
    case S::Ok:
        return "Ok";
    case S::Created:
        return "Created";
    case S::Rebound:
        return "Rebound";
    case S::InvalidPhone:
        return "InvalidPhone";
    case S::RateLimited:
        return "RateLimited";
    case S::WrongCode:
        return "WrongCode";
    case S::CodeExpired:
        return "CodeExpired";
    case S::ClientOutdated:
        return "ClientOutdated";
    case S::GuardianRequired:
        return "GuardianRequired";
    case S::InvalidRequest:
        return "InvalidRequest";
    case S::Timeout:
        return "Timeout";
    case S::Offline:
        return "Offline";
    case S::TlsError:
        return "TlsError";
    case S::ServerError:
        return "ServerError";
    case S::BadResponse:
        return "BadResponse";
    }
    return "Unknown";
}

} // namespace imp::account
