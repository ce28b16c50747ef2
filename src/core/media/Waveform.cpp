#include "media/Waveform.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace imp::media {

QByteArray Waveform::peaks(const int16_t *pcm, size_t samples, int bars)
{
    if (bars <= 0 || samples == 0)
        return {};
    QByteArray out(bars, '\0');
    for (int b = 0; b < bars; ++b) {
        const size_t from = samples * size_t(b) / size_t(bars);
        const size_t to = std::max(from + 1, samples * size_t(b + 1) / size_t(bars));
        int peak = 0;
        for (size_t i = from; i < to && i < samples; ++i)
            peak = std::max(peak, std::abs(int(pcm[i])));
        out[b] = char(std::lround(255.0 * std::sqrt(std::min(1.0, peak / 32767.0))));
    }
    return out;
}

} // namespace imp::media
