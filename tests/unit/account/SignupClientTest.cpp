// SignupClient over real sockets: a plain-HTTP test server for the status mapping (allowed only
// through allowInsecureForTests), and a TLS server with throwaway CAs for the trust rules.
#include "account/SignupClient.h"

#include "TestHttpServer.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <gtest/gtest.h>
#include <memory>

using imp::account::SignupClient;
using imp::account::SignupResult;
using imp::account::test::TestHttpServer;
using Status = SignupResult::Status;
using namespace std::chrono_literals;

namespace {

// Runs `start` and spins the event loop until its callback fires (or 20 s pass).
SignupResult await(const std::function<void(SignupClient::Callback)> &start)
{
    auto out = std::make_shared<std::optional<SignupResult>>();
    auto loop = std::make_shared<QEventLoop>();
    auto calls = std::make_shared<int>(0);
    start([out, loop, calls](const SignupResult &r) {
        ++*calls;
        *out = r;
        loop->quit();
    });
    QTimer::singleShot(20000, loop.get(), &QEventLoop::quit);
    if (!*out)
        loop->exec();
    EXPECT_TRUE(out->has_value()) << "callback never called";
    EXPECT_LE(*calls, 1);
    return out->value_or(SignupResult{});
}

class SignupClientTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(server.listenLocal()); }

    std::unique_ptr<SignupClient> client(std::chrono::milliseconds timeout = 5000ms)
    {
        SignupClient::Options o;
        o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
        o.clientVersion = QStringLiteral("1.2.3");
        o.timeout = timeout;
        o.allowInsecureForTests = true;
        return std::make_unique<SignupClient>(o);
    }

    void respond(int status, const QByteArray &body,
                 const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        server.handler = [=](const TestHttpServer::Request &) {
            return TestHttpServer::response(status, body, headers);
        };
    }

    SignupResult code()
    {
        auto c = client();
        return await([&](auto cb) {
            c->requestCode(QStringLiteral("+8613800138000"), QStringLiteral("account"),
                           QStringLiteral("install-1"), cb);
        });
    }

    SignupResult verify(const SignupClient::VerifyRequest &request = {})
    {
        auto c = client();
        return await([&](auto cb) { c->verify(request, cb); });
    }

    TestHttpServer server;
};

} // namespace

TEST_F(SignupClientTest, RequestCodeSendsTheContractAndGetsOk)
{
    respond(202, R"({"retry_after":60,"expires_in":300})");
    const SignupResult r = code();
    EXPECT_EQ(r.status, Status::Ok) << r.detail.toStdString();
    EXPECT_EQ(r.httpStatus, 202);
    EXPECT_EQ(r.retryAfterSeconds, 60);
    EXPECT_EQ(r.expiresIn, 300);

    ASSERT_EQ(server.requests.size(), 1);
    const auto &req = server.requests.first();
    EXPECT_EQ(req.method, "POST");
    EXPECT_EQ(req.path, "/signup/v1/code");
    EXPECT_EQ(req.headers.value("x-imptech-client-version"), "1.2.3");
    EXPECT_EQ(req.headers.value("content-type"), "application/json");
    const QJsonObject body = QJsonDocument::fromJson(req.body).object();
    EXPECT_EQ(body.value(QStringLiteral("phone")).toString(), QStringLiteral("+8613800138000"));
    EXPECT_EQ(body.value(QStringLiteral("purpose")).toString(), QStringLiteral("account"));
    EXPECT_EQ(body.value(QStringLiteral("install_id")).toString(), QStringLiteral("install-1"));
}

TEST_F(SignupClientTest, UnknownPurposeIsRefusedWithoutTraffic)
{
    auto c = client();
    const SignupResult r = await([&](auto cb) {
        c->requestCode(QStringLiteral("+8613800138000"), QStringLiteral("spam"), {}, cb);
    });
    EXPECT_EQ(r.status, Status::InvalidRequest);
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(SignupClientTest, VerifySendsTheContractAndGetsCreated)
{
    respond(201, R"({"jid":"u1@imptech.test","imptech_id":"imp_u1abcd"})");
    SignupClient::VerifyRequest request;
    request.phone = QStringLiteral("+8613800138000");
    request.code = QStringLiteral("123456");
    request.installId = QStringLiteral("install-1");
    request.password = QStringLiteral("pw");
    request.device = {QStringLiteral("install-1"), QStringLiteral("dev-1"), QStringLiteral("box"),
                      QStringLiteral("debian")};
    request.consent = QJsonObject{{QStringLiteral("document"), QStringLiteral("agreement")}};
    request.guardian =
        SignupClient::Guardian{QStringLiteral("+8613900139000"), QStringLiteral("654321")};
    const SignupResult r = verify(request);
    EXPECT_EQ(r.status, Status::Created) << r.detail.toStdString();
    EXPECT_EQ(r.jid, QStringLiteral("u1@imptech.test"));
    EXPECT_EQ(r.imptechId, QStringLiteral("imp_u1abcd"));

    ASSERT_EQ(server.requests.size(), 1);
    const auto &req = server.requests.first();
    EXPECT_EQ(req.path, "/signup/v1/verify");
    EXPECT_EQ(req.headers.value("x-imptech-client-version"), "1.2.3");
    const QJsonObject body = QJsonDocument::fromJson(req.body).object();
    EXPECT_EQ(body.value(QStringLiteral("code")).toString(), QStringLiteral("123456"));
    EXPECT_EQ(body.value(QStringLiteral("password")).toString(), QStringLiteral("pw"));
    const QJsonObject device = body.value(QStringLiteral("device")).toObject();
    EXPECT_EQ(device.value(QStringLiteral("id")).toString(), QStringLiteral("dev-1"));
    EXPECT_EQ(device.value(QStringLiteral("name")).toString(), QStringLiteral("box"));
    EXPECT_EQ(device.value(QStringLiteral("platform")).toString(), QStringLiteral("debian"));
    EXPECT_EQ(body.value(QStringLiteral("consent")).toObject().value(QStringLiteral("document")),
              QStringLiteral("agreement"));
    const QJsonObject guardian = body.value(QStringLiteral("guardian")).toObject();
    EXPECT_EQ(guardian.value(QStringLiteral("code")).toString(), QStringLiteral("654321"));
}

TEST_F(SignupClientTest, VerifyWithoutGuardianOmitsIt)
{
    const QJsonObject body =
        QJsonDocument::fromJson(SignupClient::verifyBody(SignupClient::VerifyRequest{})).object();
    EXPECT_FALSE(body.contains(QStringLiteral("guardian")));
    EXPECT_TRUE(body.contains(QStringLiteral("device")));
}

TEST_F(SignupClientTest, Rebound)
{
    respond(200, R"({"jid":"u1@imptech.test"})");
    EXPECT_EQ(verify().status, Status::Rebound);
}

TEST_F(SignupClientTest, FetchConfig)
{
    respond(200, R"({"min_version":"0.1.0","latest_version":"0.3.0",)"
                 R"("agreement":{"id":"a","version":"2","sha256":"ff"}})");
    auto c = client();
    const SignupResult r = await([&](auto cb) { c->fetchConfig(cb); });
    EXPECT_EQ(r.status, Status::Ok) << r.detail.toStdString();
    EXPECT_EQ(r.config.latestVersion, QStringLiteral("0.3.0"));
    ASSERT_EQ(server.requests.size(), 1);
    EXPECT_EQ(server.requests.first().method, "GET");
    EXPECT_EQ(server.requests.first().path, "/signup/v1/config");
}

TEST_F(SignupClientTest, ErrorStatuses)
{
    struct Case {
        int status;
        QByteArray body;
        Status expected;
    };
    const Case cases[] = {
        {400, R"({"error":"invalid_phone"})", Status::InvalidPhone},
        {400, R"({"error":"guardian_required"})", Status::GuardianRequired},
        {400, R"({"error":"something_else"})", Status::InvalidRequest},
        {401, R"({"attempts_left":3})", Status::WrongCode},
        {410, R"({"error":"code_expired"})", Status::CodeExpired},
        {426, R"({"error":"client_outdated"})", Status::ClientOutdated},
        {429, R"({})", Status::RateLimited},
        {500, "oops", Status::ServerError},
        {503, "", Status::ServerError},
        {403, "{}", Status::InvalidRequest},
    };
    for (const Case &c : cases) {
        respond(c.status, c.body, {{"Retry-After", "42"}});
        const SignupResult r = verify();
        EXPECT_EQ(r.status, c.expected) << "HTTP " << c.status << ": " << r.detail.toStdString();
        EXPECT_EQ(r.httpStatus, c.status);
        if (c.status == 401) {
            EXPECT_EQ(r.attemptsLeft, 3);
        }
        if (c.status == 429) {
            EXPECT_EQ(r.retryAfterSeconds, 42);
        }
    }
}

TEST_F(SignupClientTest, GarbageJsonIsBadResponse)
{
    respond(201, "{\"jid\": \"u1@imptech.t");
    EXPECT_EQ(verify().status, Status::BadResponse);
    respond(202, "\xff\xfe\x00garbage");
    EXPECT_EQ(code().status, Status::BadResponse);
}

TEST_F(SignupClientTest, NonHttpAnswerIsBadResponseOrOffline)
{
    server.handler = [](const TestHttpServer::Request &) {
        return QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\nnot http at all");
    };
    const Status s = verify().status;
    EXPECT_TRUE(s == Status::BadResponse || s == Status::Offline) << imp::account::toString(s);
}

TEST_F(SignupClientTest, HugeBodyIsRefused)
{
    respond(201, "{\"jid\":\"" + QByteArray(1024 * 1024, 'a') + "\"}");
    EXPECT_EQ(verify().status, Status::BadResponse);
}

TEST_F(SignupClientTest, RedirectIsNotFollowed)
{
    respond(307, "", {{"Location", "http://127.0.0.1:1/elsewhere"}});
    EXPECT_EQ(verify().status, Status::BadResponse);
    EXPECT_EQ(server.requests.size(), 1);
}

TEST_F(SignupClientTest, SilentServerTimesOut)
{
    server.mode = TestHttpServer::Mode::NeverAnswer;
    auto c = client(300ms);
    QElapsedTimer timer;
    timer.start();
    const SignupResult r = await([&](auto cb) { c->fetchConfig(cb); });
    EXPECT_EQ(r.status, Status::Timeout) << r.detail.toStdString();
    EXPECT_LT(timer.elapsed(), 3000);
}

TEST_F(SignupClientTest, ClosedPortIsOffline)
{
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    SignupClient::Options o;
    o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    o.allowInsecureForTests = true;
    SignupClient c(o);
    const SignupResult r = await([&](auto cb) { c.fetchConfig(cb); });
    EXPECT_EQ(r.status, Status::Offline) << r.detail.toStdString();
}

TEST_F(SignupClientTest, PlainHttpIsRefusedInProduction)
{
    respond(202, "{}");
    SignupClient c(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())), {},
                   QStringLiteral("1.0"));
    EXPECT_FALSE(c.configError().isEmpty());
    const SignupResult r = await([&](auto cb) {
        c.requestCode(QStringLiteral("+8613800138000"), QStringLiteral("account"), {}, cb);
    });
    EXPECT_EQ(r.status, Status::TlsError);
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(SignupClientTest, DestroyingTheClientWithARequestInFlightIsSafe)
{
    server.mode = TestHttpServer::Mode::NeverAnswer;
    bool called = false;
    {
        auto c = client();
        c->fetchConfig([&](const SignupResult &) { called = true; });
        QEventLoop loop;
        QTimer::singleShot(100, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QEventLoop loop;
    QTimer::singleShot(100, &loop, &QEventLoop::quit);
    loop.exec();
    EXPECT_FALSE(called);
}

// ---- TLS -------------------------------------------------------------------------------------

namespace {

// Throwaway PKI made with the openssl CLI: CA "A" signs a server certificate for DNS:localhost
// only; CA "B" is unrelated.
class TlsFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        const QString script = QStringLiteral(R"(set -e
ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
for ca in caA caB; do
  openssl req -x509 $ec -keyout $ca.key -out $ca.pem -days 2 -subj "/CN=IMpTech test $ca" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
done
openssl req $ec -keyout server.key -out server.csr -subj "/CN=localhost"
printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf
openssl x509 -req -in server.csr -CA caA.pem -CAkey caA.key -CAcreateserial -out server.pem \
  -days 2 -extfile ext.cnf
)");
        QProcess openssl;
        openssl.setWorkingDirectory(dir.path());
        openssl.start(QStringLiteral("sh"), {QStringLiteral("-c"), script});
        ASSERT_TRUE(openssl.waitForFinished(30000));
        ASSERT_EQ(openssl.exitCode(), 0) << openssl.readAllStandardError().toStdString();

        QFile certFile(dir.filePath(QStringLiteral("server.pem")));
        QFile keyFile(dir.filePath(QStringLiteral("server.key")));
        ASSERT_TRUE(certFile.open(QIODevice::ReadOnly));
        ASSERT_TRUE(keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate cert(&certFile, QSsl::Pem);
        const QSslKey key(&keyFile, QSsl::Ec, QSsl::Pem);
        ASSERT_FALSE(cert.isNull());
        ASSERT_FALSE(key.isNull());
        server.enableTls(cert, key);
        server.handler = [](const TestHttpServer::Request &) {
            return TestHttpServer::response(202, R"({"retry_after":60,"expires_in":300})");
        };
        ASSERT_TRUE(server.listenLocal());
    }

    SignupResult requestCode(const QString &host, const QString &caFile)
    {
        SignupClient::Options o;
        o.baseUrl = QUrl(QStringLiteral("https://%1:%2").arg(host).arg(server.serverPort()));
        o.caFile = caFile;
        o.timeout = 10000ms;
        SignupClient c(o);
        return await([&](auto cb) {
            c.requestCode(QStringLiteral("+8613800138000"), QStringLiteral("account"),
                          QStringLiteral("i"), cb);
        });
    }

    QString path(const char *name) const { return dir.filePath(QLatin1String(name)); }

    QTemporaryDir dir;
    TestHttpServer server;
};

} // namespace

TEST_F(TlsFixture, ConfiguredCaIsTrusted)
{
    const SignupResult r = requestCode(QStringLiteral("localhost"), path("caA.pem"));
    EXPECT_EQ(r.status, Status::Ok) << r.detail.toStdString();
    EXPECT_EQ(server.requests.size(), 1);
}

TEST_F(TlsFixture, CertificateFromAnotherCaIsTlsError)
{
    const SignupResult r = requestCode(QStringLiteral("localhost"), path("caB.pem"));
    EXPECT_EQ(r.status, Status::TlsError) << r.detail.toStdString();
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(TlsFixture, SystemCasDoNotTrustTheTestCa)
{
    const SignupResult r = requestCode(QStringLiteral("localhost"), QString());
    EXPECT_EQ(r.status, Status::TlsError) << r.detail.toStdString();
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(TlsFixture, HostNameIsVerified)
{
    // Trusted CA, but the certificate names "localhost", not 127.0.0.1.
    const SignupResult r = requestCode(QStringLiteral("127.0.0.1"), path("caA.pem"));
    EXPECT_EQ(r.status, Status::TlsError) << r.detail.toStdString();
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(TlsFixture, UnreadableCaFileIsTlsErrorNotSystemTrust)
{
    SignupClient c(QUrl(QStringLiteral("https://localhost:%1").arg(server.serverPort())),
                   path("missing.pem"), QStringLiteral("1.0"));
    EXPECT_FALSE(c.configError().isEmpty());
    const SignupResult r = await([&](auto cb) { c.fetchConfig(cb); });
    EXPECT_EQ(r.status, Status::TlsError);
}
