#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace imp::xmpp {

// Exponential backoff with jitter for reconnecting: base doubles from `initial` up to `cap`,
// and each delay is drawn uniformly from [base/2, base] so that many clients dropped by the
// same server outage do not all come back in the same second.
class ReconnectBackoff {
public:
    using Ms = std::chrono::milliseconds;

    explicit ReconnectBackoff(Ms initial = std::chrono::seconds(1),
                              Ms cap = std::chrono::seconds(60),
                              std::uint64_t seed = std::random_device{}());

    Ms next();
    void reset() { m_attempt = 0; }
    int attempt() const { return m_attempt; }
    // The base (upper bound) that the next call to next() would draw under.
    Ms currentBase() const;

private:
    Ms m_initial;
    Ms m_cap;
    int m_attempt = 0;
    std::mt19937_64 m_rng;
};

} // namespace imp::xmpp
