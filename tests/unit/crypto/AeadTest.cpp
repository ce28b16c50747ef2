#include "crypto/Aead.h"

#include "crypto/SecureRandom.h"

#include <gtest/gtest.h>
#include <thread>
#include <utility>
#include <vector>

using imp::crypto::Aead;
using imp::crypto::SecureRandom;

namespace {

QByteArray key()
{
    return SecureRandom::bytes(Aead::KeySize);
}

// Associated data as the store builds it: table, column, row.
const QByteArray MessageBody42 = QByteArrayLiteral("messages:body:42");

QByteArray sealOk(const QByteArray &k, const QByteArray &plaintext, const QByteArray &ad)
{
    auto sealed = Aead::seal(k, plaintext, ad);
    EXPECT_TRUE(sealed.ok()) << sealed.error().code;
    return sealed.ok() ? sealed.value() : QByteArray();
}

} // namespace

TEST(AeadTest, RoundTripsAMessage)
{
    const QByteArray k = key();
    const QByteArray plaintext = QByteArrayLiteral("see you at 7 \xe2\x9c\x93");
    const QByteArray sealed = sealOk(k, plaintext, MessageBody42);

    EXPECT_EQ(sealed.size(), plaintext.size() + Aead::Overhead);
    EXPECT_EQ(sealed.at(0), 0x01);
    EXPECT_FALSE(sealed.contains(plaintext));
    auto opened = Aead::open(k, sealed, MessageBody42);
    ASSERT_TRUE(opened.ok()) << opened.error().code;
    EXPECT_EQ(opened.value(), plaintext);
}

TEST(AeadTest, RoundTripsEmptyPlaintext)
{
    const QByteArray k = key();
    const QByteArray sealed = sealOk(k, {}, MessageBody42);
    EXPECT_EQ(sealed.size(), Aead::Overhead);
    auto opened = Aead::open(k, sealed, MessageBody42);
    ASSERT_TRUE(opened.ok()) << opened.error().code;
    EXPECT_TRUE(opened->isEmpty());
}

TEST(AeadTest, RoundTripsOneMegabyte)
{
    const QByteArray k = key();
    const QByteArray plaintext = SecureRandom::bytes(1024 * 1024);
    auto opened = Aead::open(k, sealOk(k, plaintext, MessageBody42), MessageBody42);
    ASSERT_TRUE(opened.ok()) << opened.error().code;
    EXPECT_EQ(opened.value(), plaintext);
}

TEST(AeadTest, RoundTripsWithEmptyAssociatedData)
{
    const QByteArray k = key();
    auto opened = Aead::open(k, sealOk(k, "x", {}), {});
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened.value(), "x");
}

TEST(AeadTest, WrongKeyFailsAuthentication)
{
    const QByteArray sealed = sealOk(key(), "secret", MessageBody42);
    auto opened = Aead::open(key(), sealed, MessageBody42);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "crypto.auth_failed");
}

// A value copied to another row or column of the database must not open there.
TEST(AeadTest, ValueSwappedToAnotherRowOrColumnFails)
{
    const QByteArray k = key();
    const QByteArray sealed = sealOk(k, "secret", MessageBody42);
    for (const QByteArray &elsewhere :
         {QByteArrayLiteral("messages:body:43"), QByteArrayLiteral("messages:title:42"),
          QByteArrayLiteral("contacts:body:42"), QByteArrayLiteral("messages:body:4"),
          QByteArray()}) {
        auto opened = Aead::open(k, sealed, elsewhere);
        ASSERT_FALSE(opened.ok()) << elsewhere.constData();
        EXPECT_EQ(opened.error().code, "crypto.auth_failed") << elsewhere.constData();
    }
}

TEST(AeadTest, AnyFlippedBitFails)
{
    const QByteArray k = key();
    const QByteArray sealed = sealOk(k, "a message of some length", MessageBody42);
    // Regions: version [0], nonce [1, 13), ciphertext, tag (last 16).
    for (qsizetype byte = 0; byte < sealed.size(); ++byte) {
        for (int bit = 0; bit < 8; ++bit) {
            QByteArray damaged = sealed;
            damaged[byte] = static_cast<char>(damaged[byte] ^ (1 << bit));
            auto opened = Aead::open(k, damaged, MessageBody42);
            ASSERT_FALSE(opened.ok()) << "byte " << byte << " bit " << bit;
            EXPECT_EQ(opened.error().code, byte == 0 ? "crypto.bad_format" : "crypto.auth_failed")
                << "byte " << byte << " bit " << bit;
        }
    }
}

TEST(AeadTest, TruncatedValueFails)
{
    const QByteArray k = key();
    const QByteArray sealed = sealOk(k, "hello", MessageBody42);
    for (qsizetype size = 0; size < Aead::Overhead; ++size) {
        auto opened = Aead::open(k, sealed.left(size), MessageBody42);
        ASSERT_FALSE(opened.ok());
        EXPECT_EQ(opened.error().code, "crypto.bad_format") << size;
    }
    // Long enough to parse, but the tag no longer matches.
    for (qsizetype size = Aead::Overhead; size < sealed.size(); ++size) {
        auto opened = Aead::open(k, sealed.left(size), MessageBody42);
        ASSERT_FALSE(opened.ok());
        EXPECT_EQ(opened.error().code, "crypto.auth_failed") << size;
    }
}

TEST(AeadTest, UnknownVersionIsBadFormat)
{
    const QByteArray k = key();
    QByteArray sealed = sealOk(k, "hello", MessageBody42);
    sealed[0] = 0x02;
    auto opened = Aead::open(k, sealed, MessageBody42);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "crypto.bad_format");
}

TEST(AeadTest, NoncesDifferBetweenSeals)
{
    const QByteArray k = key();
    const QByteArray first = sealOk(k, "same", MessageBody42);
    const QByteArray second = sealOk(k, "same", MessageBody42);
    EXPECT_NE(first.mid(1, Aead::NonceSize), second.mid(1, Aead::NonceSize));
    EXPECT_NE(first, second);
}

TEST(AeadTest, KeyOfWrongSizeIsRejected)
{
    for (int size : {0, 16, 31, 33, 64}) {
        auto sealed = Aead::seal(QByteArray(size, 'k'), "x", {});
        ASSERT_FALSE(sealed.ok());
        EXPECT_EQ(sealed.error().code, "crypto.bad_key");
        auto opened = Aead::open(QByteArray(size, 'k'), QByteArray(40, '\x01'), {});
        ASSERT_FALSE(opened.ok());
        EXPECT_EQ(opened.error().code, "crypto.bad_key");
    }
}

// Aead keeps a keyed context per thread: many values under one key, interleaved keys, a failed
// open in between and other threads must all round-trip exactly as fresh contexts would.
TEST(AeadTest, ManySealsUnderInterleavedKeysAndThreadsRoundTrip)
{
    auto roundTrips = [] {
        const QByteArray a = key();
        const QByteArray b = key();
        std::vector<std::pair<QByteArray, QByteArray>> sealed; // (key, value)
        for (int i = 0; i < 200; ++i) {
            const QByteArray &k = i % 5 == 0 ? b : a;
            auto value = Aead::seal(k, "body " + QByteArray::number(i), MessageBody42);
            if (!value.ok())
                return false;
            sealed.emplace_back(k, value.value());
        }
        for (int i = 0; i < 200; ++i) {
            if (i % 7 == 0 && Aead::open(sealed[i].first, sealed[i].second, "other ad").ok())
                return false; // and the failure must not spoil the next open
            auto plain = Aead::open(sealed[i].first, sealed[i].second, MessageBody42);
            if (!plain.ok() || plain.value() != "body " + QByteArray::number(i))
                return false;
            const QByteArray &wrong = sealed[i].first == a ? b : a;
            if (Aead::open(wrong, sealed[i].second, MessageBody42).ok())
                return false;
        }
        return true;
    };
    EXPECT_TRUE(roundTrips());
    bool inThread = false;
    std::thread other([&] { inThread = roundTrips(); });
    EXPECT_TRUE(roundTrips());
    other.join();
    EXPECT_TRUE(inThread);
}
