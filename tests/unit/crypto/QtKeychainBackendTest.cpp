// Runs against the real OS keychain (Secret Service via gnome-keyring under ctest), and
// against a Secret Service that never answers (its own ctest entry, on an empty session bus).
#include "crypto/QtKeychainBackend.h"

#include "crypto/SecureRandom.h"
#include "crypto/Vault.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusVirtualObject>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <atomic>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

using imp::crypto::QtKeychainBackend;
using imp::crypto::SecureRandom;
using imp::crypto::Vault;
using namespace std::chrono_literals;

namespace {

// A service of its own per run, so the test never touches the app's real entries.
const QString Service = QStringLiteral("IMpTech-test-") + SecureRandom::uuid();

// Binary on purpose: NUL and high bytes must survive the keychain's text storage.
QByteArray secret()
{
    return QByteArray("\x00\xff\x01 key", 7) + SecureRandom::bytes(32);
}

bool roundTrip(QtKeychainBackend &keychain, const QString &key, const QByteArray &value)
{
    if (!keychain.write(key, value).ok())
        return false;
    auto read = keychain.read(key);
    return read.ok() && read.value() == value && keychain.remove(key).ok();
}

} // namespace

TEST(QtKeychainBackendTest, WriteReadRemoveRoundTrip)
{
    QtKeychainBackend keychain(Service);
    const QByteArray value = secret();
    auto written = keychain.write(QStringLiteral("round-trip"), value);
    ASSERT_TRUE(written.ok()) << written.error().code << ": " << written.error().detail;

    auto read = keychain.read(QStringLiteral("round-trip"));
    ASSERT_TRUE(read.ok()) << read.error().code << ": " << read.error().detail;
    EXPECT_EQ(read.value(), value);

    // A second backend object sees the same entry: it lives in the OS keychain, not in memory.
    auto readAgain = QtKeychainBackend(Service).read(QStringLiteral("round-trip"));
    ASSERT_TRUE(readAgain.ok());
    EXPECT_EQ(readAgain.value(), value);

    auto removed = keychain.remove(QStringLiteral("round-trip"));
    ASSERT_TRUE(removed.ok()) << removed.error().code;
    auto gone = keychain.read(QStringLiteral("round-trip"));
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, "keychain.not_found");
}

TEST(QtKeychainBackendTest, ReadingAnAbsentEntryIsNotFound)
{
    QtKeychainBackend keychain(Service);
    auto read = keychain.read(QStringLiteral("never-written"));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, "keychain.not_found");
    EXPECT_TRUE(keychain.remove(QStringLiteral("never-written")).ok());
}

TEST(QtKeychainBackendTest, WriteReplacesAnEarlierValue)
{
    QtKeychainBackend keychain(Service);
    ASSERT_TRUE(keychain.write(QStringLiteral("replace"), "first").ok());
    ASSERT_TRUE(keychain.write(QStringLiteral("replace"), "second").ok());
    auto read = keychain.read(QStringLiteral("replace"));
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read.value(), "second");
    EXPECT_TRUE(keychain.remove(QStringLiteral("replace")).ok());
}

// The database and login code call the keychain from worker threads, with or without an event
// loop, and from several threads at once.
TEST(QtKeychainBackendTest, WorksFromWorkerThreadsConcurrently)
{
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; ++i) {
        workers.emplace_back([i, &failures] {
            QtKeychainBackend keychain(Service);
            const QString key = QStringLiteral("worker-%1").arg(i);
            const QByteArray value = secret();
            for (int round = 0; round < 3; ++round) {
                if (!roundTrip(keychain, key, value))
                    ++failures;
            }
        });
    }
    for (auto &worker : workers)
        worker.join();
    EXPECT_EQ(failures.load(), 0);

    // A QThread with its own running event loop works as well.
    bool ok = false;
    QThread *thread = QThread::create([&ok] {
        QtKeychainBackend keychain(Service);
        ok = roundTrip(keychain, QStringLiteral("qthread"), secret());
    });
    thread->start();
    ASSERT_TRUE(thread->wait(30000));
    delete thread;
    EXPECT_TRUE(ok);
}

TEST(QtKeychainBackendTest, VaultUsesTheRealKeychain)
{
    QTemporaryDir profile;
    ASSERT_TRUE(profile.isValid());
    QtKeychainBackend keychain(Service);

    auto vault = Vault::create(profile.path(), keychain);
    ASSERT_TRUE(vault.ok()) << vault.error().code << ": " << vault.error().detail;
    EXPECT_EQ(vault->protection(), Vault::Protection::Keychain);
    EXPECT_FALSE(QFileInfo::exists(profile.filePath(QStringLiteral("vault.key"))));

    QtKeychainBackend freshKeychain(Service);
    auto opened = Vault::open(profile.path(), freshKeychain);
    ASSERT_TRUE(opened.ok()) << opened.error().code;
    EXPECT_EQ(opened->dataKey(), vault->dataKey());

    ASSERT_TRUE(Vault::destroy(profile.path(), keychain).ok());
    auto entry = keychain.read(QStringLiteral("vault-") + vault->id());
    ASSERT_FALSE(entry.ok());
    EXPECT_EQ(entry.error().code, "keychain.not_found");
}

namespace {

// Owns the Secret Service name and swallows every call: a keychain daemon that hangs.
class SilentSecretService final : public QDBusVirtualObject {
public:
    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &, const QDBusConnection &) override { return true; }
};

} // namespace

TEST(QtKeychainBackendSilentServiceTest, TimesOutAndTheVaultFallsBack)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    SilentSecretService service;
    if (!bus.isConnected() ||
        !bus.registerVirtualObject(QStringLiteral("/"), &service, QDBusConnection::SubPath) ||
        !bus.registerService(QStringLiteral("org.freedesktop.secrets")))
        GTEST_SKIP() << "needs a session bus where no Secret Service runs";

    const auto timeout = 1000ms;
    QtKeychainBackend keychain(Service, timeout);
    QElapsedTimer clock;
    for (int attempt = 0; attempt < 2; ++attempt) {
        clock.restart();
        auto written = keychain.write(QStringLiteral("hang"), "x");
        ASSERT_FALSE(written.ok());
        EXPECT_EQ(written.error().code, "keychain.timeout");
        EXPECT_GE(clock.elapsed(), timeout.count() - 50);
        EXPECT_LT(clock.elapsed(), timeout.count() + 1000);
    }
    clock.restart();
    auto read = keychain.read(QStringLiteral("hang"));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, "keychain.timeout");
    EXPECT_LT(clock.elapsed(), timeout.count() + 1000);

    QTemporaryDir keyFileProfile;
    auto keyFileVault = Vault::create(keyFileProfile.path(), keychain);
    ASSERT_TRUE(keyFileVault.ok()) << keyFileVault.error().code;
    EXPECT_EQ(keyFileVault->protection(), Vault::Protection::KeyFile);

    QTemporaryDir passcodeProfile;
    auto passcodeVault = Vault::create(passcodeProfile.path(), keychain, QStringLiteral("2468"));
    ASSERT_TRUE(passcodeVault.ok()) << passcodeVault.error().code;
    EXPECT_EQ(passcodeVault->protection(), Vault::Protection::Passcode);
    auto reopened = Vault::open(passcodeProfile.path(), keychain, QStringLiteral("2468"));
    ASSERT_TRUE(reopened.ok()) << reopened.error().code;
    EXPECT_EQ(reopened->dataKey(), passcodeVault->dataKey());

    bus.unregisterService(QStringLiteral("org.freedesktop.secrets"));
    bus.unregisterObject(QStringLiteral("/"), QDBusConnection::UnregisterTree);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
