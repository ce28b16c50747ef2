#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <cstdint>
#include <functional>
#include <vector>

struct OggOpusEnc;

namespace imp::media {

// Voice to Opus in Ogg (audio/ogg) with libopusenc: 48 kHz mono 16-bit PCM in, pushed as it is
// recorded; Ogg pages out through `sink` as they are made, so a recorder can seal them straight
// into the media library and no plaintext file ever exists. VoIP mode, 24 kbit/s (speech is
// clear there, and a minute is ~180 KB), 20 ms frames.
class VoiceEncoder {
public:
    static constexpr int Rate = 48000;
    static constexpr int Bitrate = 24000;
    using Sink = std::function<bool(const QByteArray &bytes)>; // false: stop (a write failed)

    VoiceEncoder();
    ~VoiceEncoder();
    VoiceEncoder(const VoiceEncoder &) = delete;
    VoiceEncoder &operator=(const VoiceEncoder &) = delete;

    // Errors: media.encoder_failed.
    Result<void> start(Sink sink);
    Result<void> write(const int16_t *pcm, int samples);
    Result<void> finish();
    qint64 samplesWritten() const { return m_samples; }

    struct Encoded {
        QByteArray ogg;
        qint64 durationMs = 0;
        QByteArray waveform;
    };
    // The whole of a recording in one call (imptech-cli, tests).
    static Result<Encoded> encode(const std::vector<int16_t> &pcm48kMono);

private:
    static int onWrite(void *self, const unsigned char *data, int32_t len);
    static int onClose(void *self);

    OggOpusEnc *m_enc = nullptr;
    Sink m_sink;
    bool m_sinkFailed = false;
    qint64 m_samples = 0;
};

} // namespace imp::media
