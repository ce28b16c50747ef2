#include "audio/VoiceTake.h"

#include "crypto/SealedFileWriter.h"
#include "media/Waveform.h"

#include <cstdlib>

namespace imp::audio {

namespace {
constexpr int BlockSamples = media::VoiceEncoder::Rate / 100; // 10 ms
}

VoiceTake::VoiceTake() = default;

VoiceTake::~VoiceTake()
{
    abort();
}

Result<void> VoiceTake::begin(std::unique_ptr<crypto::SealedFileWriter> writer)
{
    m_writer = std::move(writer);
    if (!m_writer || !m_writer->isOpen())
        return fail(makeError("media.write_failed", "writer not open"));
    auto started = m_encoder.start([this](const QByteArray &bytes) {
        auto written = m_writer->write(bytes);
        if (!written)
            m_sinkError = written.error();
        return written.ok();
    });
    if (!started)
        return fail(started.error());
    m_blockPeaks.reserve(60 * 100 + 100);
    return {};
}

Result<void> VoiceTake::push(const int16_t *pcm, int samples)
{
    if (m_failed || !m_writer)
        return makeError("media.write_failed", "take failed before");
    for (int i = 0; i < samples; ++i) {
        const int magnitude = std::abs(int(pcm[i]));
        m_blockPeak = int16_t(std::max<int>(m_blockPeak, std::min(magnitude, 32767)));
        if (++m_blockFill == BlockSamples) {
            m_blockPeaks.push_back(m_blockPeak);
            m_blockPeak = 0;
            m_blockFill = 0;
        }
    }
    auto written = m_encoder.write(pcm, samples);
    if (!written)
        return fail(m_sinkError.code.empty() ? written.error() : m_sinkError);
    m_samples += samples;
    return {};
}

Result<VoiceTake::Recording> VoiceTake::finish()
{
    if (m_failed || !m_writer)
        return makeError("media.write_failed", "take failed before");
    if (m_blockFill > 0)
        m_blockPeaks.push_back(m_blockPeak);
    auto drained = m_encoder.finish();
    if (!drained) {
        auto error = m_sinkError.code.empty() ? drained.error() : m_sinkError;
        return fail(error).error();
    }
    Recording recording;
    recording.size = m_writer->plaintextSize();
    recording.sha256 = m_writer->sha256();
    auto finished = m_writer->finish();
    if (!finished)
        return fail(finished.error()).error();
    recording.durationMs = m_samples * 1000 / media::VoiceEncoder::Rate;
    recording.waveform = media::Waveform::peaks(m_blockPeaks);
    m_writer.reset();
    return recording;
}

void VoiceTake::abort()
{
    if (m_writer)
        m_writer->abort();
    m_writer.reset();
}

Result<void> VoiceTake::fail(Error error)
{
    m_failed = true;
    abort();
    return error;
}

} // namespace imp::audio
