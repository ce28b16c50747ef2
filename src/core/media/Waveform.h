#pragma once

#include <QByteArray>
#include <cstdint>
#include <vector>

namespace imp::media {

// The bars a voice bubble draws: the peak of each of `bars` equal slices of the recording,
// 0..255 on a square-root scale (speech is quiet most of the time; linear bars look flat).
class Waveform {
public:
    static constexpr int DefaultBars = 100;
    static QByteArray peaks(const int16_t *pcm, size_t samples, int bars = DefaultBars);
    static QByteArray peaks(const std::vector<int16_t> &pcm, int bars = DefaultBars)
    {
        return peaks(pcm.data(), pcm.size(), bars);
    }
};

} // namespace imp::media
