#include "xmpp/ReconnectBackoff.h"

#include <algorithm>

namespace imp::xmpp {

ReconnectBackoff::ReconnectBackoff(Ms initial, Ms cap, std::uint64_t seed)
    : m_initial(std::max(initial, Ms(1)))
    , m_cap(std::max(cap, m_initial))
    , m_rng(seed)
{}

ReconnectBackoff::Ms ReconnectBackoff::currentBase() const
{
    // Doubling stops once the cap is reached, so the shift never overflows.
    auto base = m_initial;
    for (int i = 0; i < m_attempt && base < m_cap; ++i)
        base *= 2;
    return std::min(base, m_cap);
}

ReconnectBackoff::Ms ReconnectBackoff::next()
{
    const auto base = currentBase().count();
    std::uniform_int_distribution<long long> dist(base / 2, base);
    if (m_attempt < 64)
        ++m_attempt;
    return Ms(dist(m_rng));
}

} // namespace imp::xmpp
