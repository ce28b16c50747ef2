#pragma once

#include "common/Result.h"
#include "media/MediaSniffer.h"

#include <QByteArray>

class QIODevice;

namespace imp::audio {

// What a voice note is, from its bytes (never its name or declared type), made ready to play on
// the I/O thread: Opus in Ogg (ours, Gajim's and Kaidan's .opus) and WAV are decoded here to
// 48 kHz mono PCM with libopusfile; AAC in MP4 (Conversations' .m4a), MP3 and other Ogg go to
// Qt Multimedia's decoder as their bytes. Anything else is refused: media.not_audio.
class PlaybackDecoder {
public:
    // The longest note played (a peer can send anything; ours stop at 60 s).
    static constexpr int MaxSeconds = 15 * 60;

    struct Prepared {
        media::MediaSniffer::Kind kind = media::MediaSniffer::Kind::Unknown;
        QByteArray pcm;     // 48 kHz mono s16, when decoded here
        QByteArray encoded; // the file, when Qt Multimedia decodes it
        bool needsQtDecoder() const { return pcm.isEmpty(); }
    };

    // Reads `device` (open, at 0) up to maxBytes. Errors: media.not_audio, media.corrupt,
    // media.too_large, media.too_long, media.bad_wav.
    static Result<Prepared> prepare(QIODevice &device, qint64 maxBytes);
};

} // namespace imp::audio
