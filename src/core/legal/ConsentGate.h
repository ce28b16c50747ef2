#pragma once

#include "common/Result.h"
#include "legal/AgePolicy.h"
#include "legal/AgreementCatalogue.h"
#include "legal/ConsentRecord.h"

#include <QDate>
#include <optional>

namespace imp::legal {

// What the user has decided so far on the way in, as the profile stores it.
struct FirstRunDecisions {
    std::optional<ConsentRecord> agreement;  // newest decision on the agreement
    std::optional<ConsentRecord> childRules; // newest decision on the children's rules
    QDate birthDate;                         // null when none is stored
    bool guardianConsented = false;          // the guardian's consent (clause 6.6) is recorded
};

// The next thing the user must do before use; the steps come in this order.
enum class GateStep {
    Agreement,  // accept the agreement: for the first time, or a newer version
    Declined,   // declined the current agreement: use stays stopped (clause 12.1)
    BirthDate,  // state a birth date
    Guardian,   // under 18: the guardian consents (clause 6.6)
    ChildRules, // under 14: accept the children's personal-information rules
    Done        // nothing left: sign-up and use may go on
};

struct GateState {
    GateStep step = GateStep::Agreement;
    bool reconsent = false;           // a decision on an older version (or a decline) exists
    std::optional<AgeAssessment> age; // from the stored birth date, when it is a valid one
};

// The consent and age gate of the first run (DESIGN §4), shared by the onboarding screens and
// imptech-cli so that both ask for the same things in the same order.
class ConsentGate {
public:
    // From the stored decisions and the user's calendar day (AgePolicy::today). Fails with
    // legal.unknown_document / legal.manifest_invalid when a document the user has to accept
    // is missing from the catalogue.
    static Result<GateState> evaluate(const AgreementCatalogue &catalogue,
                                      const FirstRunDecisions &decisions, const QDate &today);

    // The step after a birth date is stated: a new date asks the guardian again, whatever was
    // stored before, since the guardian consents for this age.
    static GateStep afterBirthDate(AgeBracket bracket);
    // The step after the guardian's consent.
    static GateStep afterGuardian(AgeBracket bracket);
};

} // namespace imp::legal
