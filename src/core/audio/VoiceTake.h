#pragma once

#include "common/Result.h"
#include "media/VoiceEncoder.h"

#include <QByteArray>
#include <cstdint>
#include <memory>
#include <vector>

namespace imp::crypto {
class SealedFileWriter;
}

namespace imp::audio {

// One recording on its way to disk: PCM in, Opus in Ogg sealed into the media library as it is
// encoded (no plaintext, not even a scratch file), and the waveform's peaks kept as it goes.
// Device-free and single-threaded: VoiceRecorder calls it on its I/O thread, tests directly.
class VoiceTake {
public:
    // What a finished take is: what the message describes (Attachment fields).
    struct Recording {
        qint64 durationMs = 0;
        qint64 size = 0;
        QByteArray sha256;
        QByteArray waveform;
    };

    VoiceTake();
    ~VoiceTake();
    VoiceTake(const VoiceTake &) = delete;
    VoiceTake &operator=(const VoiceTake &) = delete;

    // `writer` is open on the new media file. Errors: media.write_failed, media.encoder_failed.
    Result<void> begin(std::unique_ptr<crypto::SealedFileWriter> writer);
    // 48 kHz mono. Errors: media.disk_full, media.write_failed, media.encoder_failed. After an
    // error the take is dropped (nothing half-written stays) and later calls fail too.
    Result<void> push(const int16_t *pcm, int samples);
    // Drains the encoder and makes the sealed file appear. media.empty without audio.
    Result<Recording> finish();
    // Removes what was written.
    void abort();

    qint64 samples() const { return m_samples; }

private:
    Result<void> fail(Error error);

    std::unique_ptr<crypto::SealedFileWriter> m_writer;
    media::VoiceEncoder m_encoder;
    Error m_sinkError;
    // The peak of every 10 ms, so 100 bars can be drawn from them at the end without keeping
    // the PCM (a minute of it is 5.6 MB).
    std::vector<int16_t> m_blockPeaks;
    int16_t m_blockPeak = 0;
    int m_blockFill = 0;
    qint64 m_samples = 0;
    bool m_failed = false;
};

} // namespace imp::audio
