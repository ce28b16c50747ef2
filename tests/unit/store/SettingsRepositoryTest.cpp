#include "store/SettingsRepository.h"

#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/Migrations.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::store::Database;
using imp::store::Migrations;
using imp::store::SettingsRepository;

namespace {

class SettingsRepositoryTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto db = Database::open(path());
        ASSERT_TRUE(db.ok()) << db.error();
        m_db = std::move(db).value();
        IMP_ASSERT_OK(Migrations::migrate(m_db));
    }

    QString path() const { return m_dir.filePath(QStringLiteral("settings.db")); }

    QTemporaryDir m_dir;
    Database m_db;
    // Stand-ins for HMAC tags: binary, fixed length.
    const QByteArray m_tagA = QByteArray(32, '\x01');
    const QByteArray m_tagB = QByteArray("\x00\x02", 2) + QByteArray(30, '\x02');
};

TEST_F(SettingsRepositoryTest, MissingSettingIsNullopt)
{
    SettingsRepository settings(m_db);
    auto value = settings.get(m_tagA);
    ASSERT_TRUE(value.ok()) << value.error();
    EXPECT_FALSE(value->has_value());
}

TEST_F(SettingsRepositoryTest, PutGetOverwriteRemove)
{
    SettingsRepository settings(m_db);
    const QByteArray first("\x00sealed-1", 9);
    IMP_ASSERT_OK(settings.put(m_tagA, first));
    IMP_ASSERT_OK(settings.put(m_tagB, QByteArray("other")));

    auto value = settings.get(m_tagA);
    ASSERT_TRUE(value.ok());
    ASSERT_TRUE(value->has_value());
    EXPECT_EQ(**value, first);

    IMP_ASSERT_OK(settings.put(m_tagA, QByteArray("sealed-2")));
    value = settings.get(m_tagA);
    ASSERT_TRUE(value.ok() && value->has_value());
    EXPECT_EQ(**value, QByteArray("sealed-2"));

    IMP_ASSERT_OK(settings.remove(m_tagA));
    value = settings.get(m_tagA);
    ASSERT_TRUE(value.ok());
    EXPECT_FALSE(value->has_value());

    auto untouched = settings.get(m_tagB);
    ASSERT_TRUE(untouched.ok() && untouched->has_value());
    EXPECT_EQ(**untouched, QByteArray("other"));

    IMP_EXPECT_OK(settings.remove(m_tagA)); // removing twice is fine
}

TEST_F(SettingsRepositoryTest, EmptyTagAndNullValueAreRefused)
{
    SettingsRepository settings(m_db);
    EXPECT_FALSE(settings.put(QByteArray(), QByteArray("x")).ok());
    EXPECT_FALSE(settings.get(QByteArray()).ok());
    EXPECT_FALSE(settings.remove(QByteArray()).ok());
    EXPECT_FALSE(settings.put(m_tagA, QByteArray()).ok()) << "sealed is NOT NULL";
}

TEST_F(SettingsRepositoryTest, SettingSurvivesReopen)
{
    {
        SettingsRepository settings(m_db);
        IMP_ASSERT_OK(settings.put(m_tagA, QByteArray("persisted")));
        m_db = Database();
    }
    auto db = Database::open(path());
    ASSERT_TRUE(db.ok());
    SettingsRepository settings(*db);
    auto value = settings.get(m_tagA);
    ASSERT_TRUE(value.ok() && value->has_value());
    EXPECT_EQ(**value, QByteArray("persisted"));
}

} // namespace
