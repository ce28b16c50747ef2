#pragma once

#include "media/VoiceEncoder.h"

#include <QAudioFormat>
#include <cstdint>

namespace imp::audio {

// The one PCM format of voice, in and out: 48 kHz mono 16-bit (what Opus and the encoder use,
// so nothing is resampled on our side; the sound server converts for the device).
struct VoiceFormat {
    static constexpr int Rate = media::VoiceEncoder::Rate;
    static constexpr qint64 BytesPerMs = Rate / 1000 * qint64(sizeof(int16_t));

    static QAudioFormat format()
    {
        QAudioFormat f;
        f.setSampleRate(Rate);
        f.setChannelCount(1);
        f.setSampleFormat(QAudioFormat::Int16);
        return f;
    }
};

} // namespace imp::audio
