#pragma once

#include "legal/AgreementCatalogue.h"
#include "legal/ConsentRecord.h"

#include <optional>

namespace imp::legal {

enum class ConsentNeed {
    FirstConsent, // never accepted: the first-run popup
    Reconsent,    // accepted an older version: the popup with the change summary
    UpToDate,     // nothing to ask
    Blocked       // the user declined this version: use stays stopped (clause 12.1)
};

// Decides whether the agreement must be (re)presented, from the newest offered version (shipped,
// or later announced by the server) and the user's newest decision on that document.
class ConsentPolicy {
public:
    static ConsentNeed decide(const AgreementDocument &current,
                              const std::optional<ConsentRecord> &latestDecision,
                              std::optional<int> announcedVersion = std::nullopt);
};

} // namespace imp::legal
