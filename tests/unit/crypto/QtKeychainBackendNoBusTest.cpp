#include "crypto/QtKeychainBackend.h"
#include "crypto/Vault.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::crypto::QtKeychainBackend;
using imp::crypto::Vault;
using namespace std::chrono_literals;

namespace {

bool isKeychainDown(const std::string &code)
{
    return code == "keychain.unavailable" || code == "keychain.timeout";
}

} // namespace

// Without QCoreApplication Qt runs no event loop in the keychain thread; the backend must say
// so at once rather than wait out its timeout.
TEST(QtKeychainBackendNoBusTest, WithoutQCoreApplicationFailsAtOnce)
{
    ASSERT_EQ(QCoreApplication::instance(), nullptr);
    QtKeychainBackend keychain(QStringLiteral("IMpTech-test-noapp"), 2000ms);
    QElapsedTimer clock;
    clock.start();
    auto read = keychain.read(QStringLiteral("probe"));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, "keychain.unavailable");
    EXPECT_LT(clock.elapsed(), 500);
}

// A desktop without a session bus (SSH, minimal window managers, containers): the real
// backend must answer with an error within its timeout, and the vault must still be created.
TEST(QtKeychainBackendNoBusTest, FailsWithinTheTimeoutAndTheVaultFallsBackToAKeyFile)
{
    QTemporaryDir runtimeDir; // empty, so no $XDG_RUNTIME_DIR/bus socket to find either
    ASSERT_TRUE(runtimeDir.isValid());
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DISPLAY"); // otherwise D-Bus may try to autolaunch a bus through X11
    qputenv("XDG_RUNTIME_DIR", runtimeDir.path().toLocal8Bit());

    // The app always has one; test_crypto uses gtest_main, so make it here.
    int argc = 1;
    char name[] = "test_crypto";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    const auto timeout = 2000ms;
    QtKeychainBackend keychain(QStringLiteral("IMpTech-test-nobus"), timeout);
    QElapsedTimer clock;

    clock.start();
    auto written = keychain.write(QStringLiteral("probe"), QByteArrayLiteral("not stored"));
    ASSERT_FALSE(written.ok());
    EXPECT_TRUE(isKeychainDown(written.error().code)) << written.error().code;
    EXPECT_LT(clock.elapsed(), timeout.count() + 1000);

    clock.restart();
    auto read = keychain.read(QStringLiteral("probe"));
    ASSERT_FALSE(read.ok());
    EXPECT_TRUE(isKeychainDown(read.error().code)) << read.error().code;
    EXPECT_LT(clock.elapsed(), timeout.count() + 1000);

    QTemporaryDir profile;
    ASSERT_TRUE(profile.isValid());
    clock.restart();
    auto vault = Vault::create(profile.path(), keychain);
    ASSERT_TRUE(vault.ok()) << vault.error().code;
    EXPECT_EQ(vault->protection(), Vault::Protection::KeyFile);
    EXPECT_LT(clock.elapsed(), timeout.count() + 1000);

    auto opened = Vault::open(profile.path(), keychain);
    ASSERT_TRUE(opened.ok()) << opened.error().code;
    EXPECT_EQ(opened->dataKey(), vault->dataKey());
}
