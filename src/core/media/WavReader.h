#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <cstdint>
#include <vector>

namespace imp::media {

// RIFF/WAVE input for imptech-cli's send-voice: integer PCM (8, 16, 24, 32 bit) or 32-bit float,
// plain or WAVE_FORMAT_EXTENSIBLE, any channel count (mixed down to mono) and any rate
// (resampled to the encoder's 48 kHz by linear interpolation: enough for speech, and not worth
// a resampling library for a command-line input).
class WavReader {
public:
    static constexpr int Rate = 48000;
    static constexpr int MaxSeconds = 10 * 60;
    // Errors: media.bad_wav (not RIFF/WAVE PCM, truncated, absurd), media.too_long.
    static Result<std::vector<int16_t>> read(const QByteArray &bytes);
};

} // namespace imp::media
