#include "legal/ConsentGate.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::legal::AgeBracket;
using imp::legal::AgreementCatalogue;
using imp::legal::ConsentDecision;
using imp::legal::ConsentGate;
using imp::legal::ConsentRecord;
using imp::legal::FirstRunDecisions;
using imp::legal::GateState;
using imp::legal::GateStep;

namespace {

const QString ShippedDir = QStringLiteral(IMP_SOURCE_DIR "/legal");
const QDate Today(2026, 11, 2);

class ConsentGateTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto loaded = AgreementCatalogue::load(ShippedDir);
        ASSERT_TRUE(loaded.ok()) << loaded.error().code;
        m_catalogue = std::move(loaded).value();
    }

    ConsentRecord decided(const char *id, ConsentDecision decision) const
    {
        return ConsentRecord::decide(*m_catalogue->find(id), decision, "zh_CN", "test");
    }

    // Agreement accepted, this birth date stated.
    FirstRunDecisions agreedAndBorn(const QDate &birth) const
    {
        FirstRunDecisions d;
        d.agreement = decided(AgreementCatalogue::AgreementId, ConsentDecision::Accepted);
        d.birthDate = birth;
        return d;
    }

    GateState gate(const FirstRunDecisions &decisions, const QDate &today = Today) const
    {
        auto state = ConsentGate::evaluate(*m_catalogue, decisions, today);
        EXPECT_TRUE(state.ok()) << state.error().code;
        return state.ok() ? state.value() : GateState{};
    }

    std::optional<AgreementCatalogue> m_catalogue;
};

} // namespace

TEST_F(ConsentGateTest, NothingDecidedAsksForTheAgreementFirst)
{
    const auto state = gate({});
    EXPECT_EQ(state.step, GateStep::Agreement);
    EXPECT_FALSE(state.reconsent);
    EXPECT_FALSE(state.age);
}

TEST_F(ConsentGateTest, AnOlderAcceptedVersionIsAskedAgainBeforeAnythingElse)
{
    auto d = agreedAndBorn(QDate(2012, 3, 4)); // a child, but the agreement comes first
    d.agreement->version -= 1;
    const auto state = gate(d);
    EXPECT_EQ(state.step, GateStep::Agreement);
    EXPECT_TRUE(state.reconsent);
    EXPECT_FALSE(state.age);
}

TEST_F(ConsentGateTest, DecliningTheCurrentAgreementStopsUse)
{
    FirstRunDecisions d;
    d.agreement = decided(AgreementCatalogue::AgreementId, ConsentDecision::Declined);
    d.birthDate = QDate(1990, 5, 17);
    const auto state = gate(d);
    EXPECT_EQ(state.step, GateStep::Declined);
    EXPECT_TRUE(state.reconsent);
}

TEST_F(ConsentGateTest, AcceptedWithoutAUsableBirthDateAsksForOne)
{
    EXPECT_EQ(gate(agreedAndBorn(QDate())).step, GateStep::BirthDate);
    EXPECT_EQ(gate(agreedAndBorn(QDate(1900, 1, 1))).step, GateStep::BirthDate) << "over 120";
    EXPECT_EQ(gate(agreedAndBorn(Today.addDays(1))).step, GateStep::BirthDate) << "future";
}

TEST_F(ConsentGateTest, AnAdultIsDoneWithoutAGuardian)
{
    const auto state = gate(agreedAndBorn(QDate(1990, 5, 17)));
    EXPECT_EQ(state.step, GateStep::Done);
    ASSERT_TRUE(state.age);
    EXPECT_EQ(state.age->bracket, AgeBracket::Adult);
    EXPECT_EQ(state.age->years, 36);
}

TEST_F(ConsentGateTest, AMinorNeedsTheGuardianButNotTheChildrensRules)
{
    auto d = agreedAndBorn(QDate(2010, 1, 1));
    auto state = gate(d);
    EXPECT_EQ(state.step, GateStep::Guardian);
    ASSERT_TRUE(state.age);
    EXPECT_EQ(state.age->bracket, AgeBracket::Minor);
    d.guardianConsented = true;
    EXPECT_EQ(gate(d).step, GateStep::Done);
}

TEST_F(ConsentGateTest, AChildNeedsTheGuardianAndThenTheChildrensRules)
{
    auto d = agreedAndBorn(QDate(2015, 2, 28));
    EXPECT_EQ(gate(d).step, GateStep::Guardian);
    d.guardianConsented = true;
    EXPECT_EQ(gate(d).step, GateStep::ChildRules);
    d.childRules = decided(AgreementCatalogue::ChildrenRulesId, ConsentDecision::Declined);
    EXPECT_EQ(gate(d).step, GateStep::ChildRules) << "a declined rule set is asked again";
    d.childRules = decided(AgreementCatalogue::ChildrenRulesId, ConsentDecision::Accepted);
    d.childRules->version -= 1;
    EXPECT_EQ(gate(d).step, GateStep::ChildRules) << "an older version is asked again";
    d.childRules = decided(AgreementCatalogue::ChildrenRulesId, ConsentDecision::Accepted);
    const auto state = gate(d);
    EXPECT_EQ(state.step, GateStep::Done);
    ASSERT_TRUE(state.age);
    EXPECT_EQ(state.age->bracket, AgeBracket::Child);
}

TEST_F(ConsentGateTest, TheBracketChangesOnTheBirthdayItself)
{
    const auto d = agreedAndBorn(QDate(2008, 11, 2));
    EXPECT_EQ(gate(d, QDate(2026, 11, 1)).step, GateStep::Guardian);
    EXPECT_EQ(gate(d, QDate(2026, 11, 2)).step, GateStep::Done);
}

TEST_F(ConsentGateTest, ACatalogueWithoutTheChildrensRulesFailsOnlyForAChild)
{
    // A copy of the shipped catalogue with the agreement alone.
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile manifest(ShippedDir + "/manifest.json");
    ASSERT_TRUE(manifest.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(manifest.readAll()).object();
    QJsonArray kept;
    for (const auto &entry : root.value("documents").toArray()) {
        if (entry.toObject().value("id").toString() != AgreementCatalogue::AgreementId)
            continue;
        kept.append(entry);
        const QString file = entry.toObject().value("file").toString();
        ASSERT_TRUE(QFile::copy(ShippedDir + "/" + file, dir.filePath(file)));
    }
    root.insert("documents", kept);
    QFile copy(dir.filePath("manifest.json"));
    ASSERT_TRUE(copy.open(QIODevice::WriteOnly));
    copy.write(QJsonDocument(root).toJson());
    copy.close();
    auto partial = AgreementCatalogue::load(dir.path());
    ASSERT_TRUE(partial.ok()) << partial.error().code;

    auto child = agreedAndBorn(QDate(2015, 2, 28));
    child.guardianConsented = true;
    auto state = ConsentGate::evaluate(partial.value(), child, Today);
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, "legal.manifest_invalid");
    auto adult = ConsentGate::evaluate(partial.value(), agreedAndBorn(QDate(1990, 5, 17)), Today);
    ASSERT_TRUE(adult.ok());
    EXPECT_EQ(adult->step, GateStep::Done);
}

TEST(ConsentGateStepsTest, AStatedBirthDateAsksTheGuardianOfEveryMinor)
{
    EXPECT_EQ(ConsentGate::afterBirthDate(AgeBracket::Adult), GateStep::Done);
    EXPECT_EQ(ConsentGate::afterBirthDate(AgeBracket::Minor), GateStep::Guardian);
    EXPECT_EQ(ConsentGate::afterBirthDate(AgeBracket::Child), GateStep::Guardian);
    EXPECT_EQ(ConsentGate::afterGuardian(AgeBracket::Minor), GateStep::Done);
    EXPECT_EQ(ConsentGate::afterGuardian(AgeBracket::Child), GateStep::ChildRules);
}
