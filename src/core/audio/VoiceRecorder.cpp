#include "audio/VoiceRecorder.h"

#include "audio/VoiceFormat.h"
#include "common/Log.h"
#include "crypto/SealedFileWriter.h"
#include "media/VoiceEncoder.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSource>
#include <QMediaDevices>
#include <QPointer>
#include <QtConcurrent>
#include <cstdlib>

namespace imp::audio {

namespace {
constexpr int Rate = VoiceFormat::Rate;
// Hand PCM to the encoder every 100 ms: few tasks, little to lose on a crash mid-note.
constexpr qsizetype HandOverBytes = Rate / 10 * qsizetype(sizeof(int16_t));

} // namespace

VoiceRecorder::VoiceRecorder(QObject *parent)
    : VoiceRecorder(Limits{}, parent)
{}

VoiceRecorder::VoiceRecorder(Limits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
{
    m_io.setMaxThreadCount(1); // one take's chunks in order
    m_watchdog.setSingleShot(true);
    m_watchdog.setInterval(m_limits.silentDeviceMs);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (recording() && m_samples == 0) {
            IMP_LOG_WARN("voice recorder: the microphone gave no audio");
            drop(makeError("audio.microphone_failed", "no audio from the device"));
        }
    });
}

VoiceRecorder::~VoiceRecorder()
{
    m_done = nullptr;
    closeSource();
    if (m_take)
        m_io.start([take = m_take] { take->abort(); });
    m_io.waitForDone();
}

Result<void> VoiceRecorder::start(OpenWriter open, Done done)
{
    if (recording() || m_done)
        return makeError("audio.busy", "already recording");
    const QAudioDevice device = QMediaDevices::defaultAudioInput();
    if (device.isNull())
        return makeError("audio.no_microphone", "no audio input");
    const QAudioFormat format = VoiceFormat::format();
    if (!device.isFormatSupported(format))
        return makeError("audio.microphone_failed", "48 kHz mono 16-bit not supported");

    ++m_generation;
    m_take = std::make_shared<VoiceTake>();
    m_samples = 0;
    m_level = 0;
    m_pending.clear();
    m_done = std::move(done);

    m_source = std::make_unique<QAudioSource>(device, format);
    m_source->setBufferSize(int(HandOverBytes));
    m_input = m_source->start();
    if (!m_input || m_source->error() != QAudio::NoError) {
        m_source.reset();
        m_input = nullptr;
        m_done = nullptr;
        m_take.reset();
        return makeError("audio.microphone_failed", "cannot open the audio input");
    }
    connect(m_input, &QIODevice::readyRead, this, &VoiceRecorder::onAudio);

    QPointer<VoiceRecorder> self(this);
    const quint64 generation = m_generation;
    m_io.start([self, generation, take = m_take, open = std::move(open)] {
        auto writer = open();
        auto begun = writer ? take->begin(std::move(writer.value())) : Result<void>(writer.error());
        if (!begun) {
            QMetaObject::invokeMethod(
                self,
                [self, generation, error = begun.error()] {
                    if (self && self->m_generation == generation)
                        self->failFromIo(error);
                },
                Qt::QueuedConnection);
        }
    });
    m_watchdog.start();
    emit recordingChanged();
    emit elapsedChanged();
    return {};
}

qint64 VoiceRecorder::elapsedMs() const
{
    return m_samples * 1000 / Rate;
}

int VoiceRecorder::secondsLeft() const
{
    const qint64 elapsed = elapsedMs();
    if (!recording() || elapsed < m_limits.countdownFromMs)
        return 0;
    return int((m_limits.maxMs - elapsed + 999) / 1000);
}

void VoiceRecorder::onAudio()
{
    if (!m_input)
        return;
    QByteArray bytes = m_input->readAll();
    bytes.truncate(bytes.size() - bytes.size() % qsizetype(sizeof(int16_t)));
    qint64 samples = bytes.size() / qsizetype(sizeof(int16_t));
    if (samples == 0)
        return;
    bool full = false;
    const qint64 maxSamples = m_limits.maxMs * Rate / 1000;
    if (m_samples + samples >= maxSamples) {
        samples = maxSamples - m_samples;
        bytes.truncate(qsizetype(samples) * qsizetype(sizeof(int16_t)));
        full = true;
    }
    const auto *pcm = reinterpret_cast<const int16_t *>(bytes.constData());
    int peak = 0;
    for (qint64 i = 0; i < samples; ++i)
        peak = std::max(peak, std::abs(int(pcm[i])));
    m_level = std::min(1.0, peak / 32767.0);
    m_samples += samples;
    m_pending += bytes;
    if (m_pending.size() >= HandOverBytes)
        flushPending();
    emit levelChanged();
    emit elapsedChanged();
    if (full) {
        emit limitReached();
        stop();
    }
}

void VoiceRecorder::flushPending()
{
    if (m_pending.isEmpty() || !m_take)
        return;
    QPointer<VoiceRecorder> self(this);
    const quint64 generation = m_generation;
    m_io.start([self, generation, take = m_take, pcm = std::exchange(m_pending, {})] {
        auto pushed = take->push(reinterpret_cast<const int16_t *>(pcm.constData()),
                                 int(pcm.size() / qsizetype(sizeof(int16_t))));
        if (!pushed && pushed.error().code != "media.write_failed") {
            // The first failure (a full disk) ends the note at once; later ones repeat it.
            QMetaObject::invokeMethod(
                self,
                [self, generation, error = pushed.error()] {
                    if (self && self->m_generation == generation)
                        self->failFromIo(error);
                },
                Qt::QueuedConnection);
        }
    });
}

void VoiceRecorder::stop()
{
    if (!recording())
        return;
    if (m_input)
        onAudio(); // what the device still holds
    if (!recording())
        return; // onAudio hit the limit and stopped
    if (elapsedMs() < m_limits.minMs) {
        drop(makeError("audio.too_short", "under a second"));
        return;
    }
    closeSource();
    finishTake();
}

void VoiceRecorder::cancel()
{
    if (!recording())
        return;
    drop(makeError("audio.cancelled", "cancelled"));
}

void VoiceRecorder::closeSource()
{
    m_watchdog.stop();
    if (!m_source)
        return;
    if (m_input)
        disconnect(m_input, nullptr, this, nullptr);
    m_source->stop();
    m_source.reset();
    m_input = nullptr;
    emit recordingChanged();
}

void VoiceRecorder::finishTake()
{
    flushPending();
    QPointer<VoiceRecorder> self(this);
    const quint64 generation = m_generation;
    m_io.start([self, generation, take = m_take] {
        auto finished = take->finish();
        QMetaObject::invokeMethod(
            self,
            [self, generation, finished = std::move(finished)]() mutable {
                if (self && self->m_generation == generation)
                    self->end(std::move(finished));
            },
            Qt::QueuedConnection);
    });
}

void VoiceRecorder::failFromIo(const Error &error)
{
    IMP_LOG_WARN("voice recorder: {}", error.code);
    drop(error);
}

void VoiceRecorder::drop(Error error)
{
    closeSource();
    m_io.start([take = m_take] { take->abort(); }); // after the chunks already queued
    end(std::move(error));
}

void VoiceRecorder::end(Result<Recording> result)
{
    ++m_generation; // later I/O results belong to no take
    m_take.reset();
    m_pending.clear();
    m_level = 0;
    emit levelChanged();
    if (auto done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

} // namespace imp::audio
