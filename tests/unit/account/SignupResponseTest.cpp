// SignupClient::parseResponse: the HTTP-to-result mapping, without a network.
#include "account/SignupClient.h"

#include <QDateTime>
#include <QLocale>
#include <gtest/gtest.h>

using imp::account::SignupClient;
using imp::account::SignupResult;
using Status = SignupResult::Status;
using Endpoint = SignupClient::Endpoint;

namespace {
SignupResult parse(int status, const QByteArray &body, const QByteArray &retryAfter = {},
                   Endpoint endpoint = Endpoint::Verify)
{
    return SignupClient::parseResponse(status, body, retryAfter, endpoint);
}
} // namespace

TEST(SignupResponseTest, CodeSent)
{
    const auto r = parse(202, R"({"retry_after":60,"expires_in":300})", {}, Endpoint::Code);
    EXPECT_EQ(r.status, Status::Ok);
    EXPECT_EQ(r.retryAfterSeconds, 60);
    EXPECT_EQ(r.expiresIn, 300);
}

TEST(SignupResponseTest, CreatedAndRebound)
{
    const auto created = parse(201, R"({"jid":"u1@imptech.test","imptech_id":"imp_abc123"})");
    EXPECT_EQ(created.status, Status::Created);
    EXPECT_EQ(created.jid, QStringLiteral("u1@imptech.test"));
    EXPECT_EQ(created.imptechId, QStringLiteral("imp_abc123"));
    EXPECT_EQ(parse(200, R"({"jid":"u1@imptech.test"})").status, Status::Rebound);
}

TEST(SignupResponseTest, SuccessWithoutUsableBodyIsBadResponse)
{
    EXPECT_EQ(parse(201, "not json").status, Status::BadResponse);
    EXPECT_EQ(parse(201, "").status, Status::BadResponse);
    EXPECT_EQ(parse(201, "[1,2]").status, Status::BadResponse);
    EXPECT_EQ(parse(201, R"({"jid":42})").status, Status::BadResponse);
    EXPECT_EQ(parse(202, "{", {}, Endpoint::Code).status, Status::BadResponse);
    EXPECT_EQ(parse(204, "{}", {}, Endpoint::Code).status, Status::BadResponse);
    EXPECT_EQ(parse(200, R"({"latest_version":"1"})", {}, Endpoint::Config).status,
              Status::BadResponse);
}

TEST(SignupResponseTest, Config)
{
    const auto r = parse(200,
                         R"({"min_version":"0.1.0","latest_version":"0.2.0",)"
                         R"("agreement":{"id":"imptech-agreement","version":"3","sha256":"ab"}})",
                         {}, Endpoint::Config);
    EXPECT_EQ(r.status, Status::Ok);
    EXPECT_EQ(r.config.minVersion, QStringLiteral("0.1.0"));
    EXPECT_EQ(r.config.latestVersion, QStringLiteral("0.2.0"));
    EXPECT_EQ(r.config.agreementId, QStringLiteral("imptech-agreement"));
    EXPECT_EQ(r.config.agreementVersion, QStringLiteral("3"));
    EXPECT_EQ(r.config.agreementSha256, QStringLiteral("ab"));
}

TEST(SignupResponseTest, ClientErrors)
{
    EXPECT_EQ(parse(400, R"({"error":"invalid_phone"})").status, Status::InvalidPhone);
    EXPECT_EQ(parse(400, R"({"error":"guardian_required"})").status, Status::GuardianRequired);
    EXPECT_EQ(parse(400, R"({"error":"bad_json"})").status, Status::InvalidRequest);
    EXPECT_EQ(parse(400, "<html>").status, Status::InvalidRequest);
    EXPECT_EQ(parse(404, "").status, Status::InvalidRequest);
    const auto wrong = parse(401, R"({"attempts_left":2})");
    EXPECT_EQ(wrong.status, Status::WrongCode);
    EXPECT_EQ(wrong.attemptsLeft, 2);
    EXPECT_EQ(parse(410, "{}").status, Status::CodeExpired);
    EXPECT_EQ(parse(426, R"({"error":"client_outdated"})").status, Status::ClientOutdated);
}

TEST(SignupResponseTest, ExpiredCodeSaysWhyAndWhose)
{
    // The CLI's two-step sign-up tells "no code was ever sent" from a spent or stale one.
    const auto none =
        parse(410, R"({"error":"code_expired","reason":"no_code","which":"account"})");
    EXPECT_EQ(none.status, Status::CodeExpired);
    EXPECT_EQ(none.reason, "no_code");
    EXPECT_EQ(none.which, "account");
    EXPECT_EQ(parse(410, R"({"error":"code_expired","reason":"expired"})").reason, "expired");
    EXPECT_EQ(parse(410, R"({"reason":"<b>no</b>"})").reason, "(unprintable)");
    EXPECT_EQ(parse(410, "").reason, "");
}

TEST(SignupResponseTest, RateLimitedTakesRetryAfterFromHeaderThenBody)
{
    const auto header = parse(429, "{}", "42");
    EXPECT_EQ(header.status, Status::RateLimited);
    EXPECT_EQ(header.retryAfterSeconds, 42);
    EXPECT_EQ(parse(429, R"({"retry_after":17})").retryAfterSeconds, 17);
    EXPECT_EQ(parse(429, R"({"retry_after":17})", "5").retryAfterSeconds, 5);
    EXPECT_EQ(parse(429, "").retryAfterSeconds, -1);
    // HTTP-date form.
    const QString date = QLocale::c().toString(QDateTime::currentDateTimeUtc().addSecs(120),
                                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    const int fromDate = parse(429, "", date.toLatin1()).retryAfterSeconds;
    EXPECT_GE(fromDate, 100);
    EXPECT_LE(fromDate, 121);
}

TEST(SignupResponseTest, HostileNumbersAreClampedOrIgnored)
{
    EXPECT_EQ(parse(429, R"({"retry_after":-5})").retryAfterSeconds, -1);
    EXPECT_EQ(parse(429, R"({"retry_after":1e300})").retryAfterSeconds, 7 * 24 * 3600);
    EXPECT_EQ(parse(429, R"({"retry_after":"60"})").retryAfterSeconds, -1);
    EXPECT_EQ(parse(429, "{}", "99999999999999999999").retryAfterSeconds, 7 * 24 * 3600);
    EXPECT_EQ(parse(429, "{}", "soon").retryAfterSeconds, -1);
    EXPECT_EQ(parse(401, R"({"attempts_left":null})").attemptsLeft, -1);
}

TEST(SignupResponseTest, ServerErrorsAndOddStatuses)
{
    EXPECT_EQ(parse(500, "").status, Status::ServerError);
    EXPECT_EQ(parse(503, "{}", "30").retryAfterSeconds, 30);
    EXPECT_EQ(parse(302, "").status, Status::BadResponse);
    EXPECT_EQ(parse(0, "").status, Status::BadResponse);
    EXPECT_EQ(parse(999, "{}").status, Status::BadResponse);
}

TEST(SignupResponseTest, ServerErrorCodeInDetailIsSanitised)
{
    const auto r = parse(400, R"({"error":"+8613800138000 \n evil"})");
    EXPECT_EQ(r.status, Status::InvalidRequest);
    EXPECT_FALSE(r.detail.contains(QStringLiteral("13800138000")));
}
