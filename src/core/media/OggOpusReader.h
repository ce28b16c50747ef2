#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <cstdint>
#include <vector>

struct OggOpusFile;
class QIODevice;

namespace imp::media {

// Opus in Ogg, read with libopusfile from any seekable QIODevice (a sealed media file decrypts
// as it is read): length, and 48 kHz mono PCM for playback and waveforms. A file that is not
// Ogg/Opus, is cut short or has absurd headers is refused, never played as noise.
class OggOpusReader {
public:
    OggOpusReader() = default;
    ~OggOpusReader();
    OggOpusReader(const OggOpusReader &) = delete;
    OggOpusReader &operator=(const OggOpusReader &) = delete;

    // The device must stay open while this reads it. Errors: media.not_opus, media.corrupt.
    Result<void> open(QIODevice *device);
    qint64 durationMs() const;
    // Up to maxSamples of mono PCM; 0 at the end; media.corrupt on a damaged stream.
    Result<int> readMono(int16_t *out, int maxSamples);
    Result<void> seekMs(qint64 ms);

    // The whole stream as PCM (bounded by maxSeconds).
    static Result<std::vector<int16_t>> decodeAll(QIODevice *device, int maxSeconds = 15 * 60);

private:
    OggOpusFile *m_file = nullptr;
};

} // namespace imp::media
