#include "xmpp/ReconnectBackoff.h"

#include <gtest/gtest.h>

using imp::xmpp::ReconnectBackoff;
using namespace std::chrono_literals;

TEST(ReconnectBackoffTest, GrowsThenCapsWithJitterInBounds)
{
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        ReconnectBackoff b(1s, 60s, seed);
        const long long expectedBases[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
        for (long long base : expectedBases) {
            EXPECT_EQ(b.currentBase().count(), base);
            const auto d = b.next().count();
            EXPECT_GE(d, base / 2);
            EXPECT_LE(d, base);
        }
        for (int i = 0; i < 100; ++i)
            EXPECT_LE(b.next(), 60s);
    }
}

TEST(ReconnectBackoffTest, JitterSpreadsDelays)
{
    ReconnectBackoff b(1s, 60s, 42);
    for (int i = 0; i < 10; ++i)
        b.next();
    std::set<long long> seen;
    for (int i = 0; i < 50; ++i)
        seen.insert(b.next().count());
    EXPECT_GT(seen.size(), 10u);
}

TEST(ReconnectBackoffTest, ResetStartsOver)
{
    ReconnectBackoff b(1s, 60s, 1);
    for (int i = 0; i < 20; ++i)
        b.next();
    EXPECT_EQ(b.currentBase(), 60s);
    b.reset();
    EXPECT_EQ(b.currentBase(), 1s);
    EXPECT_LE(b.next(), 1s);
}

TEST(ReconnectBackoffTest, ManyAttemptsNeverOverflow)
{
    ReconnectBackoff b(1s, 60s, 7);
    for (int i = 0; i < 10000; ++i) {
        const auto d = b.next();
        ASSERT_GE(d, 0ms);
        ASSERT_LE(d, 60s);
    }
}
