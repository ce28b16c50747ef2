#include "ConsentPolicy.h"

#include <algorithm>

namespace imp::legal {

ConsentNeed ConsentPolicy::decide(const AgreementDocument &current,
                                  const std::optional<ConsentRecord> &latestDecision,
                                  std::optional<int> announcedVersion)
{
    if (!latestDecision)
        return ConsentNeed::FirstConsent;
    const int required = std::max(current.version, announcedVersion.value_or(0));
    if (latestDecision->version < required)
        return ConsentNeed::Reconsent;
    // Same version but a different text would mean the manifest changed without a version bump:
    // ask again rather than claim consent to words the user never saw.
    if (latestDecision->version == current.version &&
        latestDecision->sha256Hex != current.sha256Hex)
        return ConsentNeed::Reconsent;
    if (latestDecision->decision != ConsentDecision::Accepted)
        return ConsentNeed::Blocked;
    return ConsentNeed::UpToDate;
}

} // namespace imp::legal
