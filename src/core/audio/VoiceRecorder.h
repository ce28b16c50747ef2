#pragma once

#include "audio/VoiceTake.h"
#include "common/Result.h"

#include <QByteArray>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <functional>
#include <memory>

class QAudioSource;
class QIODevice;

namespace imp::crypto {
class SealedFileWriter;
}

namespace imp::audio {

// Hold-to-talk recording: the default microphone (QAudioSource, 48 kHz mono 16-bit) encoded to
// Opus and sealed as it records, on one I/O thread (VoiceTake), so the UI thread never waits on
// the encoder or the disk. The microphone is opened on the first start(), never before: that is
// when a phone asks for it.
//
// The rules of a voice note live here (Limits): at most a minute (it stops by itself and is
// kept, as WeChat does), a countdown from 50 s, and under a second is "too short", not kept.
// Lengths count captured samples, not wall time, so they are the note's real length.
class VoiceRecorder : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool recording READ recording NOTIFY recordingChanged)
    Q_PROPERTY(qint64 elapsedMs READ elapsedMs NOTIFY elapsedChanged)
    Q_PROPERTY(double level READ level NOTIFY levelChanged)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY elapsedChanged)

public:
    struct Limits {
        qint64 maxMs = 60000;
        qint64 minMs = 1000;
        qint64 countdownFromMs = 50000;
        // A microphone that gives nothing for this long after start() is broken or taken.
        int silentDeviceMs = 3000;
    };

    using Recording = VoiceTake::Recording;
    // Runs on the I/O thread: the sealed file the take is written to.
    using OpenWriter = std::function<Result<std::unique_ptr<crypto::SealedFileWriter>>()>;
    // Called once per start(), on the UI thread: the note, or why there is none
    // (audio.too_short, audio.cancelled, audio.no_microphone, audio.microphone_failed,
    // media.disk_full, media.write_failed, media.encoder_failed). The file is removed on error.
    using Done = std::function<void(Result<Recording>)>;

    explicit VoiceRecorder(QObject *parent = nullptr);
    explicit VoiceRecorder(Limits limits, QObject *parent = nullptr);
    const Limits &limits() const { return m_limits; }
    ~VoiceRecorder() override;

    // Errors right away: audio.busy, audio.no_microphone, audio.microphone_failed.
    Result<void> start(OpenWriter open, Done done);
    // Release: keeps the note (or reports it too short).
    void stop();
    // Slide up and release: nothing is kept.
    void cancel();

    bool recording() const { return m_source != nullptr; }
    qint64 elapsedMs() const;
    // Loudness of the last chunk heard, 0..1, for the level meter.
    double level() const { return m_level; }
    // Seconds left once the countdown shows (0 before it does).
    int secondsLeft() const;

signals:
    void recordingChanged();
    void elapsedChanged();
    void levelChanged();
    // limits().maxMs reached: the note is being kept.
    void limitReached();

private:
    void onAudio();
    void flushPending();
    void closeSource();
    void finishTake();
    // Ends the note without keeping it: the microphone is released, the file removed.
    void drop(Error error);
    void end(Result<Recording> result);
    void failFromIo(const Error &error);

    Limits m_limits;
    std::unique_ptr<QAudioSource> m_source;
    QIODevice *m_input = nullptr;
    std::shared_ptr<VoiceTake> m_take;
    QByteArray m_pending; // PCM not yet handed to the I/O thread
    Done m_done;
    QTimer m_watchdog;
    QThreadPool m_io;
    qint64 m_samples = 0;
    double m_level = 0;
    quint64 m_generation = 0; // tells late I/O results of an ended take from the current one
};

} // namespace imp::audio
