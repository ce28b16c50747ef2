#include "legal/ConsentRecord.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using imp::legal::ConsentDecision;
using imp::legal::ConsentRecord;

namespace {

ConsentRecord sample(ConsentDecision decision)
{
    ConsentRecord r;
    r.documentId = "imptech-agreement";
    r.version = 2;
    r.sha256Hex = "c4a3199962dcf474d8691a0f008b6837ee2680368784734e1a9557b7009f728e";
    r.decidedAtMs = 1795797000123; // 2026-11-27T16:30:00.123Z: milliseconds must survive
    r.appVersion = "0.1.0";
    r.locale = "zh_CN";
    r.decision = decision;
    return r;
}

QByteArray withField(const QByteArray &json, const QString &key, const QJsonValue &value)
{
    auto object = QJsonDocument::fromJson(json).object();
    if (value.isUndefined())
        object.remove(key);
    else
        object[key] = value;
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

TEST(ConsentRecordTest, RoundTripsEveryDecision)
{
    for (auto decision :
         {ConsentDecision::Accepted, ConsentDecision::Declined, ConsentDecision::Withdrawn}) {
        SCOPED_TRACE(static_cast<int>(decision));
        const ConsentRecord original = sample(decision);
        const auto parsed = ConsentRecord::fromJson(original.toJson());
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(*parsed, original);
        EXPECT_EQ(parsed->decision, decision);
        EXPECT_EQ(parsed->decidedAtMs, original.decidedAtMs);
    }
}

TEST(ConsentRecordTest, DecisionsAreStoredDistinctly)
{
    // A decline written to the ledger must never read back as an acceptance.
    const auto accepted = sample(ConsentDecision::Accepted).toJson();
    const auto declined = sample(ConsentDecision::Declined).toJson();
    const auto withdrawn = sample(ConsentDecision::Withdrawn).toJson();
    EXPECT_NE(accepted, declined);
    EXPECT_NE(accepted, withdrawn);
    EXPECT_NE(declined, withdrawn);
}

TEST(ConsentRecordTest, RoundTripsNonAsciiFields)
{
    ConsentRecord original = sample(ConsentDecision::Accepted);
    original.documentId = QStringLiteral("imptech-children-privacy");
    original.appVersion = QStringLiteral("1.0.0-测试");
    original.locale = QStringLiteral("en");
    const auto parsed = ConsentRecord::fromJson(original.toJson());
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, original);
}

TEST(ConsentRecordTest, MalformedJsonIsRejected)
{
    EXPECT_FALSE(ConsentRecord::fromJson({}).has_value());
    EXPECT_FALSE(ConsentRecord::fromJson("{\"doc\":\"imptech-agreement\",").has_value());
    EXPECT_FALSE(ConsentRecord::fromJson("not json at all").has_value());
    // Valid JSON but not a record object.
    EXPECT_FALSE(ConsentRecord::fromJson("[" + sample(ConsentDecision::Accepted).toJson() + "]")
                     .has_value());
}

TEST(ConsentRecordTest, UnknownOrMissingDecisionIsRejected)
{
    const QByteArray good = sample(ConsentDecision::Accepted).toJson();
    ASSERT_TRUE(ConsentRecord::fromJson(good).has_value());

    EXPECT_FALSE(ConsentRecord::fromJson(withField(good, "decision", "maybe")).has_value());
    EXPECT_FALSE(ConsentRecord::fromJson(withField(good, "decision", "Accepted")).has_value());
    EXPECT_FALSE(
        ConsentRecord::fromJson(withField(good, "decision", QJsonValue::Undefined)).has_value());
}

TEST(ConsentRecordTest, MissingOrNonNumericVersionOrTimeIsRejected)
{
    const QByteArray good = sample(ConsentDecision::Accepted).toJson();
    EXPECT_FALSE(
        ConsentRecord::fromJson(withField(good, "ver", QJsonValue::Undefined)).has_value());
    EXPECT_FALSE(ConsentRecord::fromJson(withField(good, "ver", "2")).has_value());
    EXPECT_FALSE(ConsentRecord::fromJson(withField(good, "at", QJsonValue::Undefined)).has_value());
    EXPECT_FALSE(ConsentRecord::fromJson(withField(good, "at", "1795797000123")).has_value());
}
