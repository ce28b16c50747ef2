// libFuzzer target for what imp::account reads from outside: typed or pasted phone numbers and
// SMS codes, and the signup server's HTTP answers.
//
// Input layout: byte 0 picks the region and the endpoint, byte 1 the HTTP status; the rest is
// split at the first 0x00 into a Retry-After header and a body. The whole input is also used,
// as UTF-8 text, for the phone and code functions.
#include "account/AsYouTypeFormatter.h"
#include "account/ImptechId.h"
#include "account/PhoneNumbers.h"
#include "account/SignupClient.h"
#include "account/VerificationCode.h"

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace imp::account;

namespace {
const char *const kRegions[] = {"CN", "US", "GB", "HK", "JP", "DE", "XX", "", "001", "cn"};
constexpr int kStatuses[] = {200, 201, 202, 204, 302, 400, 401, 404, 410, 426, 429, 500, 503, 0};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const QByteArray raw(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString region = QString::fromLatin1(kRegions[data[0] % std::size(kRegions)]);
    const QString text = QString::fromUtf8(raw.mid(2));

    const PhoneNumbers::PhoneCheck check = PhoneNumbers::validateMobile(text, region);
    if (check.ok != check.error.isEmpty() || (check.ok && !check.e164.startsWith(u'+')))
        std::abort();
    if (check.ok) {
        // A number we accepted must survive a round trip through E.164.
        const PhoneNumbers::PhoneCheck again = PhoneNumbers::validateMobile(check.e164, region);
        if (!again.ok || again.e164 != check.e164)
            std::abort();
        (void)PhoneNumbers::format(check.e164, region);
    }
    (void)PhoneNumbers::toE164(text, region);
    (void)PhoneNumbers::format(text, region);

    AsYouTypeFormatter formatter(region);
    (void)formatter.input(text);

    const QString code = VerificationCode::normalise(text);
    if (code.size() > VerificationCode::kLength)
        std::abort();
    (void)VerificationCode::isComplete(code);
    (void)ImptechId::validate(text);

    const auto endpoint = static_cast<SignupClient::Endpoint>((data[0] >> 4) % 3);
    const int status = kStatuses[data[1] % std::size(kStatuses)];
    const QByteArray rest = raw.mid(2);
    const qsizetype split = rest.indexOf('\0');
    const QByteArray header = split < 0 ? QByteArray() : rest.left(split);
    const QByteArray body = split < 0 ? rest : rest.mid(split + 1);
    const SignupResult r = SignupClient::parseResponse(status, body, header, endpoint);
    if (r.retryAfterSeconds < -1 || r.attemptsLeft < -1 || r.expiresIn < -1)
        std::abort();
    if ((r.status == SignupResult::Status::Created || r.status == SignupResult::Status::Rebound) &&
        r.jid.isEmpty())
        std::abort();
    return 0;
}
