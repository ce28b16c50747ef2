#include "audio/PlaybackDecoder.h"

#include "media/OggOpusReader.h"
#include "media/WavReader.h"

#include <QIODevice>

namespace imp::audio {

namespace {
QByteArray pcmBytes(const std::vector<int16_t> &pcm)
{
    return QByteArray(reinterpret_cast<const char *>(pcm.data()),
                      qsizetype(pcm.size() * sizeof(int16_t)));
}
} // namespace

Result<PlaybackDecoder::Prepared> PlaybackDecoder::prepare(QIODevice &device, qint64 maxBytes)
{
    if (device.size() > maxBytes)
        return makeError("media.too_large", "over the playback limit");
    Prepared prepared;
    prepared.kind = media::MediaSniffer::sniff(device.peek(64));
    using Kind = media::MediaSniffer::Kind;
    switch (prepared.kind) {
    case Kind::OggOpus: {
        auto pcm = media::OggOpusReader::decodeAll(&device, MaxSeconds);
        if (!pcm)
            return pcm.error();
        if (pcm->empty())
            return makeError("media.corrupt", "no audio");
        prepared.pcm = pcmBytes(pcm.value());
        return prepared;
    }
    case Kind::Wav: {
        auto pcm = media::WavReader::read(device.read(maxBytes));
        if (!pcm)
            return pcm.error();
        if (pcm->empty())
            return makeError("media.corrupt", "no audio");
        prepared.pcm = pcmBytes(pcm.value());
        return prepared;
    }
    case Kind::Mp4:
    case Kind::Mp3:
    case Kind::OggOther:
        prepared.encoded = device.read(maxBytes);
        if (prepared.encoded.isEmpty())
            return makeError("media.corrupt", "empty");
        return prepared;
    default:
        return makeError("media.not_audio", "not a sound file");
    }
}

} // namespace imp::audio
