#include "account/DeviceIdentity.h"

#include <QUuid>
#include <gtest/gtest.h>

using imp::account::DeviceIdentity;
using imp::account::DeviceIds;

TEST(DeviceIdentityTest, CreateMakesFreshRandomIds)
{
    const DeviceIds a = DeviceIdentity::create();
    const DeviceIds b = DeviceIdentity::create();
    EXPECT_FALSE(QUuid::fromString(a.installId).isNull());
    EXPECT_FALSE(QUuid::fromString(a.deviceId).isNull());
    EXPECT_NE(a.installId, a.deviceId);
    EXPECT_NE(a.installId, b.installId);
    EXPECT_NE(a.deviceId, b.deviceId);
    EXPECT_FALSE(a.deviceName.isEmpty());
    EXPECT_LE(a.deviceName.size(), 64);
    EXPECT_FALSE(a.platform.isEmpty());
}

TEST(DeviceIdentityTest, LoadOrCreateKeepsStoredIds)
{
    const DeviceIds stored{QStringLiteral("install"), QStringLiteral("device"),
                           QStringLiteral("name"), QStringLiteral("debian")};
    int saves = 0;
    const DeviceIds got = DeviceIdentity::loadOrCreate(
        [&] { return std::optional<DeviceIds>(stored); }, [&](const DeviceIds &) { ++saves; });
    EXPECT_EQ(got, stored);
    EXPECT_EQ(saves, 0);
}

TEST(DeviceIdentityTest, LoadOrCreateCreatesAndSavesOnce)
{
    std::optional<DeviceIds> storage;
    int saves = 0;
    auto load = [&] {
        return storage;
    };
    auto save = [&](const DeviceIds &ids) {
        storage = ids;
        ++saves;
    };
    const DeviceIds first = DeviceIdentity::loadOrCreate(load, save);
    const DeviceIds second = DeviceIdentity::loadOrCreate(load, save);
    EXPECT_EQ(first, second);
    EXPECT_EQ(saves, 1);
}
