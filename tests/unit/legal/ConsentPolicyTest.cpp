#include "legal/ConsentPolicy.h"

#include <gtest/gtest.h>

using imp::legal::AgreementDocument;
using imp::legal::ConsentDecision;
using imp::legal::ConsentNeed;
using imp::legal::ConsentPolicy;
using imp::legal::ConsentRecord;

namespace {

const QByteArray ShaV1(64, 'a');
const QByteArray ShaV2(64, 'b');

AgreementDocument shipped(int version, const QByteArray &sha)
{
    AgreementDocument doc;
    doc.id = "imptech-agreement";
    doc.version = version;
    doc.sha256Hex = sha;
    doc.intact = true;
    return doc;
}

ConsentRecord decision(int version, const QByteArray &sha, ConsentDecision d)
{
    ConsentRecord r;
    r.documentId = "imptech-agreement";
    r.version = version;
    r.sha256Hex = sha;
    r.decidedAtMs = 1'795'000'000'000;
    r.decision = d;
    return r;
}

} // namespace

TEST(ConsentPolicyTest, NoDecisionAsksForFirstConsent)
{
    EXPECT_EQ(ConsentPolicy::decide(shipped(1, ShaV1), std::nullopt), ConsentNeed::FirstConsent);
    // Also when the server already announced a newer version.
    EXPECT_EQ(ConsentPolicy::decide(shipped(1, ShaV1), std::nullopt, 2), ConsentNeed::FirstConsent);
}

TEST(ConsentPolicyTest, AcceptedSameVersionAndTextIsUpToDate)
{
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(2, ShaV2), decision(2, ShaV2, ConsentDecision::Accepted)),
        ConsentNeed::UpToDate);
    // An announcement of the version already accepted changes nothing.
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(2, ShaV2), decision(2, ShaV2, ConsentDecision::Accepted), 2),
        ConsentNeed::UpToDate);
}

TEST(ConsentPolicyTest, AcceptedOlderVersionAsksAgain)
{
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(2, ShaV2), decision(1, ShaV1, ConsentDecision::Accepted)),
        ConsentNeed::Reconsent);
}

TEST(ConsentPolicyTest, AcceptedSameVersionWithDifferentTextAsksAgain)
{
    // The text changed without a version bump: the user never agreed to these words.
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(1, ShaV2), decision(1, ShaV1, ConsentDecision::Accepted)),
        ConsentNeed::Reconsent);
}

TEST(ConsentPolicyTest, DeclinedCurrentVersionBlocks)
{
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(2, ShaV2), decision(2, ShaV2, ConsentDecision::Declined)),
        ConsentNeed::Blocked);
}

TEST(ConsentPolicyTest, WithdrawnCurrentVersionBlocks)
{
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(2, ShaV2), decision(2, ShaV2, ConsentDecision::Withdrawn)),
        ConsentNeed::Blocked);
}

TEST(ConsentPolicyTest, DeclinedOlderVersionOffersTheNewTerms)
{
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(2, ShaV2), decision(1, ShaV1, ConsentDecision::Declined)),
        ConsentNeed::Reconsent);
}

TEST(ConsentPolicyTest, ServerAnnouncedNewerVersionAsksAgain)
{
    // Shipped v1 accepted, the server says v2 is in force.
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(1, ShaV1), decision(1, ShaV1, ConsentDecision::Accepted), 2),
        ConsentNeed::Reconsent);
    // An announcement older than the shipped version does not lower the bar.
    EXPECT_EQ(
        ConsentPolicy::decide(shipped(2, ShaV2), decision(1, ShaV1, ConsentDecision::Accepted), 1),
        ConsentNeed::Reconsent);
}
