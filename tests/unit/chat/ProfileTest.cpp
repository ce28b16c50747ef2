#include "chat/Profile.h"

#include "NoKeychain.h"
#include "store/DatabaseWorker.h"

#include <QTemporaryDir>
#include <atomic>
#include <chrono>
#include <future>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>

using imp::chat::Profile;
using imp::legal::AgeBracket;
using imp::legal::AgreementCatalogue;
using imp::legal::ConsentDecision;
using imp::legal::ConsentRecord;

namespace {

ConsentRecord accepted(const char *documentId)
{
    ConsentRecord r;
    r.documentId = documentId;
    r.version = 1;
    r.sha256Hex = QByteArray(64, 'a');
    r.decidedAtMs = 1'795'000'000'000;
    r.appVersion = "test";
    r.locale = "zh_CN";
    r.decision = ConsentDecision::Accepted;
    return r;
}

class ProfileTest : public ::testing::Test {
protected:
    std::shared_ptr<Profile> open(bool create)
    {
        auto opened = (create ? Profile::create(m_dir.path(), m_keychain)
                              : Profile::open(m_dir.path(), m_keychain))
                          .result();
        EXPECT_TRUE(opened.ok()) << opened.error().code;
        return opened.ok() ? opened->profile : nullptr;
    }

    QTemporaryDir m_dir;
    std::shared_ptr<imp::test::NoKeychain> m_keychain = std::make_shared<imp::test::NoKeychain>();
};

} // namespace

TEST_F(ProfileTest, TheFirstRunDecisionsReadBackWhatWasRecordedAfterARestart)
{
    const auto agreement = accepted(AgreementCatalogue::AgreementId);
    const auto rules = accepted(AgreementCatalogue::ChildrenRulesId);
    {
        auto profile = open(true);
        ASSERT_TRUE(profile);
        auto none = profile->firstRunDecisions().result();
        ASSERT_TRUE(none.ok());
        EXPECT_FALSE(none->agreement);
        EXPECT_FALSE(none->childRules);
        EXPECT_TRUE(none->birthDate.isNull());
        EXPECT_FALSE(none->guardianConsented);

        ASSERT_TRUE(profile->recordDecision(agreement).result().ok());
        ASSERT_TRUE(profile->recordBirthDate(QDate(2015, 2, 28), AgeBracket::Child).result().ok());
        ASSERT_TRUE(profile->recordGuardianConsent().result().ok());
        ASSERT_TRUE(profile->recordDecision(rules).result().ok());
    }
    auto profile = open(false);
    ASSERT_TRUE(profile);
    auto stored = profile->firstRunDecisions().result();
    ASSERT_TRUE(stored.ok()) << stored.error().code;
    EXPECT_EQ(stored->agreement, agreement);
    EXPECT_EQ(stored->childRules, rules);
    EXPECT_EQ(stored->birthDate, QDate(2015, 2, 28));
    EXPECT_TRUE(stored->guardianConsented);
    // The bracket is written with the date: the app reads it alone (minors' notifications).
    auto bracket = profile->setting(Profile::AgeBracketSetting).result();
    ASSERT_TRUE(bracket.ok());
    ASSERT_TRUE(bracket.value());
    EXPECT_EQ(*bracket.value(), QByteArray("child"));
}

TEST_F(ProfileTest, FlushReturnsAtOnceAndFinishesAfterTheWorkQueuedBeforeIt)
{
    auto profile = open(true);
    ASSERT_TRUE(profile);
    // A task that holds the database thread until the test lets it go. If flush() waited for
    // it, nothing would let it go but the watchdog, five seconds late.
    std::promise<void> release;
    std::once_flag released;
    auto letGo = [&] {
        std::call_once(released, [&] { release.set_value(); });
    };
    std::promise<void> over;
    std::thread watchdog([&letGo, until = over.get_future()] {
        until.wait_for(std::chrono::seconds(5));
        letGo();
    });
    std::atomic<bool> heldTaskRan = false;
    profile->worker().run(
        [held = release.get_future().share(), &heldTaskRan](imp::store::Database &) {
            held.wait();
            heldTaskRan = true;
            return imp::Result<void>();
        });

    auto flushed = profile->flush();
    EXPECT_FALSE(flushed.isFinished()) << "flush() must not wait for the queue";
    letGo();
    flushed.waitForFinished(); // a test may wait; the UI thread never does
    EXPECT_TRUE(heldTaskRan);
    over.set_value();
    watchdog.join();
}
