#include "media/VoiceEncoder.h"

#include "media/Waveform.h"

#include <opus/opusenc.h>

namespace imp::media {

VoiceEncoder::VoiceEncoder() = default;

VoiceEncoder::~VoiceEncoder()
{
    if (m_enc)
        ope_encoder_destroy(m_enc);
}

int VoiceEncoder::onWrite(void *self, const unsigned char *data, int32_t len)
{
    auto *e = static_cast<VoiceEncoder *>(self);
    if (e->m_sinkFailed ||
        !e->m_sink(QByteArray(reinterpret_cast<const char *>(data), qsizetype(len)))) {
        e->m_sinkFailed = true;
        return 1; // libopusenc: non-zero stops the stream
    }
    return 0;
}

int VoiceEncoder::onClose(void *)
{
    return 0;
}

Result<void> VoiceEncoder::start(Sink sink)
{
    m_sink = std::move(sink);
    static const OpusEncCallbacks callbacks{&VoiceEncoder::onWrite, &VoiceEncoder::onClose};
    OggOpusComments *comments = ope_comments_create();
    if (!comments)
        return makeError("media.encoder_failed", "comments");
    int error = 0;
    m_enc = ope_encoder_create_callbacks(&callbacks, this, comments, Rate, 1, 0, &error);
    ope_comments_destroy(comments);
    if (!m_enc || error != OPE_OK)
        return makeError("media.encoder_failed", ope_strerror(error));
    if (ope_encoder_ctl(m_enc, OPUS_SET_APPLICATION(OPUS_APPLICATION_VOIP)) != OPE_OK ||
        ope_encoder_ctl(m_enc, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE)) != OPE_OK ||
        ope_encoder_ctl(m_enc, OPUS_SET_BITRATE(Bitrate)) != OPE_OK ||
        ope_encoder_ctl(m_enc, OPUS_SET_EXPERT_FRAME_DURATION(OPUS_FRAMESIZE_20_MS)) != OPE_OK)
        return makeError("media.encoder_failed", "settings");
    return {};
}

Result<void> VoiceEncoder::write(const int16_t *pcm, int samples)
{
    if (!m_enc)
        return makeError("media.encoder_failed", "not started");
    if (ope_encoder_write(m_enc, pcm, samples) != OPE_OK || m_sinkFailed)
        return makeError(m_sinkFailed ? "media.write_failed" : "media.encoder_failed", "write");
    m_samples += samples;
    return {};
}

Result<void> VoiceEncoder::finish()
{
    if (!m_enc)
        return makeError("media.encoder_failed", "not started");
    if (m_samples == 0) {
        // libopusenc 0.2.1 (Debian 12) aborts on an assert when drained before any
        // audio (xiph/libopusenc#24, fixed after that release): a record tap
        // released at once.
        ope_encoder_destroy(m_enc);
        m_enc = nullptr;
        return makeError("media.empty", "no audio");
    }
    const int drained = ope_encoder_drain(m_enc);
    ope_encoder_destroy(m_enc);
    m_enc = nullptr;
    if (drained != OPE_OK || m_sinkFailed)
        return makeError(m_sinkFailed ? "media.write_failed" : "media.encoder_failed", "drain");
    return {};
}

Result<VoiceEncoder::Encoded> VoiceEncoder::encode(const std::vector<int16_t> &pcm)
{
    Encoded out;
    VoiceEncoder encoder;
    if (auto started = encoder.start([&](const QByteArray &bytes) {
            out.ogg.append(bytes);
            return true;
        });
        !started)
        return started.error();
    constexpr int Block = Rate / 50;
    for (size_t at = 0; at < pcm.size(); at += Block) {
        const int n = int(std::min<size_t>(Block, pcm.size() - at));
        if (auto written = encoder.write(pcm.data() + at, n); !written)
            return written.error();
    }
    if (auto finished = encoder.finish(); !finished)
        return finished.error();
    out.durationMs = qint64(pcm.size()) * 1000 / Rate;
    out.waveform = Waveform::peaks(pcm);
    return out;
}

} // namespace imp::media
