#include "audio/VoicePlayer.h"

#include "audio/PlaybackDecoder.h"
#include "audio/VoiceFormat.h"
#include "common/Log.h"
#include "media/VoiceEncoder.h"

#include <QAudioBuffer>
#include <QAudioDecoder>
#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>
#include <QtConcurrent>

namespace imp::audio {

namespace {
constexpr int Rate = VoiceFormat::Rate;
constexpr qint64 BytesPerMs = VoiceFormat::BytesPerMs;
} // namespace

VoicePlayer::VoicePlayer(QObject *parent)
    : QObject(parent)
{
    m_io.setMaxThreadCount(1);
    m_tick.setInterval(50);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (m_sink)
            m_bytesPlayed =
                std::min<qint64>(m_pcm.size(), m_sink->processedUSecs() / 1000 * BytesPerMs);
        emit positionChanged();
    });
}

VoicePlayer::~VoicePlayer()
{
    ++m_generation;
    reset();
    m_io.waitForDone();
}

void VoicePlayer::play(const QString &key, OpenSource open)
{
    stop();
    const quint64 generation = ++m_generation;
    m_current = key;
    m_loading = true;
    emit currentChanged();
    emit playingChanged();
    QtConcurrent::run(&m_io, [open = std::move(open)]() -> Result<PlaybackDecoder::Prepared> {
        auto device = open();
        if (!device)
            return device.error();
        return PlaybackDecoder::prepare(*device.value(), MaxBytes);
    }).then(this, [this, generation](Result<PlaybackDecoder::Prepared> prepared) {
        if (generation != m_generation)
            return; // another note was asked for meanwhile
        if (!prepared) {
            fail(QString::fromStdString(prepared.error().code));
            return;
        }
        if (prepared->needsQtDecoder())
            decodeWithQt(prepared->encoded, generation);
        else
            startOutput(std::move(prepared->pcm));
    });
}

void VoicePlayer::decodeWithQt(const QByteArray &encoded, quint64 generation)
{
    m_encoded = encoded;
    m_encodedBuffer.setBuffer(&m_encoded);
    m_encodedBuffer.open(QIODevice::ReadOnly);
    m_decoder = std::make_unique<QAudioDecoder>();
    m_decoder->setAudioFormat(VoiceFormat::format());
    auto pcm = std::make_shared<QByteArray>();
    connect(m_decoder.get(), &QAudioDecoder::bufferReady, this, [this, pcm] {
        while (m_decoder && m_decoder->bufferAvailable()) {
            const QAudioBuffer buffer = m_decoder->read();
            if (buffer.format().sampleFormat() != QAudioFormat::Int16 ||
                buffer.format().channelCount() != 1 || buffer.format().sampleRate() != Rate)
                continue; // the decoder converts when it can; never play noise
            pcm->append(buffer.constData<char>(), buffer.byteCount());
            if (pcm->size() > qint64(PlaybackDecoder::MaxSeconds) * 1000 * BytesPerMs) {
                m_decoder->stop();
                fail(QStringLiteral("media.too_long"));
                return;
            }
        }
    });
    connect(m_decoder.get(), &QAudioDecoder::finished, this, [this, pcm, generation] {
        if (generation != m_generation)
            return;
        if (pcm->isEmpty()) {
            fail(QStringLiteral("media.not_audio"));
            return;
        }
        startOutput(std::move(*pcm));
    });
    connect(m_decoder.get(), qOverload<QAudioDecoder::Error>(&QAudioDecoder::error), this,
            [this, generation](QAudioDecoder::Error error) {
                if (generation != m_generation)
                    return;
                IMP_LOG_WARN("voice player: the decoder refused the file ({})", int(error));
                fail(QStringLiteral("media.not_audio"));
            });
    m_decoder->setSourceDevice(&m_encodedBuffer);
    m_decoder->start();
}

void VoicePlayer::startOutput(QByteArray pcm)
{
    if (m_decoder) {
        disconnect(m_decoder.get(), nullptr, this, nullptr);
        m_decoder.release()->deleteLater(); // we are in its finished()
    }
    m_encodedBuffer.close();
    m_encoded.clear();
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull()) {
        fail(QStringLiteral("audio.no_speaker"));
        return;
    }
    m_pcm = std::move(pcm);
    m_pcmBuffer.setBuffer(&m_pcm);
    m_pcmBuffer.open(QIODevice::ReadOnly);
    m_sink = std::make_unique<QAudioSink>(device, VoiceFormat::format());
    connect(m_sink.get(), &QAudioSink::stateChanged, this, &VoicePlayer::onSinkState);
    m_bytesPlayed = 0;
    m_sink->start(&m_pcmBuffer);
    if (m_sink->error() != QAudio::NoError) {
        fail(QStringLiteral("audio.output_failed"));
        return;
    }
    m_loading = false;
    m_tick.start();
    emit playingChanged();
    emit positionChanged();
}

void VoicePlayer::onSinkState()
{
    if (!m_sink)
        return;
    const auto state = m_sink->state();
    if (state == QAudio::IdleState && m_pcmBuffer.atEnd()) {
        const QString key = m_current;
        m_bytesPlayed = m_pcm.size();
        reset();
        emit playingChanged();
        emit positionChanged();
        emit currentChanged();
        emit finished(key);
    } else if (state == QAudio::StoppedState && m_sink->error() != QAudio::NoError) {
        fail(QStringLiteral("audio.output_failed"));
    }
}

bool VoicePlayer::playing() const
{
    return m_loading || (m_sink && !m_paused);
}

qint64 VoicePlayer::positionMs() const
{
    return m_bytesPlayed / BytesPerMs;
}

qint64 VoicePlayer::durationMs() const
{
    return m_pcm.size() / BytesPerMs;
}

void VoicePlayer::pause()
{
    if (!m_sink || m_paused)
        return;
    m_sink->suspend();
    m_paused = true;
    emit playingChanged();
}

void VoicePlayer::resume()
{
    if (!m_sink || !m_paused)
        return;
    m_sink->resume();
    m_paused = false;
    emit playingChanged();
}

void VoicePlayer::stop()
{
    if (m_current.isEmpty())
        return;
    ++m_generation;
    reset();
    emit playingChanged();
    emit positionChanged();
    emit currentChanged();
}

void VoicePlayer::fail(const QString &code)
{
    const QString key = m_current;
    ++m_generation;
    reset();
    emit playingChanged();
    emit positionChanged();
    emit currentChanged();
    emit failed(key, code);
}

void VoicePlayer::reset()
{
    m_tick.stop();
    if (m_sink) {
        disconnect(m_sink.get(), nullptr, this, nullptr);
        m_sink->stop();
        m_sink.release()->deleteLater(); // reset() may run inside the sink's own signal
    }
    if (m_decoder) {
        disconnect(m_decoder.get(), nullptr, this, nullptr);
        m_decoder->stop();
        m_decoder.release()->deleteLater(); // or inside the decoder's
    }
    m_pcmBuffer.close();
    m_encodedBuffer.close();
    m_pcm.clear();
    m_encoded.clear();
    m_current.clear();
    m_loading = false;
    m_paused = false;
}

} // namespace imp::audio
