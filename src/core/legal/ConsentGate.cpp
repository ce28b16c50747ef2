#include "ConsentGate.h"

#include "legal/ConsentPolicy.h"

namespace imp::legal {

Result<GateState> ConsentGate::evaluate(const AgreementCatalogue &catalogue,
                                        const FirstRunDecisions &decisions, const QDate &today)
{
    const auto *agreement = catalogue.find(AgreementCatalogue::AgreementId);
    if (!agreement)
        return makeError("legal.unknown_document", "no agreement in the catalogue");
    GateState state;
    switch (ConsentPolicy::decide(*agreement, decisions.agreement)) {
    case ConsentNeed::FirstConsent:
        return state;
    case ConsentNeed::Reconsent:
        state.reconsent = true;
        return state;
    case ConsentNeed::Blocked:
        state.step = GateStep::Declined;
        state.reconsent = true;
        return state;
    case ConsentNeed::UpToDate:
        break;
    }

    // A stored date that no longer passes (say, now over 120 years) is asked for again.
    auto age = AgePolicy::assess(decisions.birthDate, today);
    if (!age) {
        state.step = GateStep::BirthDate;
        return state;
    }
    state.age = age.value();
    if (age->bracket == AgeBracket::Adult) {
        state.step = GateStep::Done;
        return state;
    }
    if (!decisions.guardianConsented) {
        state.step = GateStep::Guardian;
        return state;
    }
    if (age->bracket != AgeBracket::Child) {
        state.step = GateStep::Done;
        return state;
    }
    const auto *rules = catalogue.find(AgreementCatalogue::ChildrenRulesId);
    if (!rules)
        return makeError("legal.manifest_invalid", "no children's rules");
    // A declined or older version of the rules is asked again; the agreement's own decline
    // stops use, the rules' decline only keeps the child at this step.
    state.step = ConsentPolicy::decide(*rules, decisions.childRules) == ConsentNeed::UpToDate
                     ? GateStep::Done
                     : GateStep::ChildRules;
    return state;
}

GateStep ConsentGate::afterBirthDate(AgeBracket bracket)
{
    return bracket == AgeBracket::Adult ? GateStep::Done : GateStep::Guardian;
}

GateStep ConsentGate::afterGuardian(AgeBracket bracket)
{
    return bracket == AgeBracket::Child ? GateStep::ChildRules : GateStep::Done;
}

} // namespace imp::legal
