#pragma once

#include "common/Result.h"

#include <QBuffer>
#include <QByteArray>
#include <QIODevice>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>
#include <functional>
#include <memory>

class QAudioDecoder;
class QAudioSink;

namespace imp::audio {

// Plays one voice note at a time to the default output. The sealed file is read and decoded on
// the I/O thread (PlaybackDecoder; Qt Multimedia's QAudioDecoder for AAC/MP3), then played from
// memory into a QAudioSink: the UI thread never reads the disk, and no plaintext is written.
// `key` names what plays (the app uses the message id) so a bubble knows it is the one.
class VoicePlayer : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString current READ current NOTIFY currentChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playingChanged)
    Q_PROPERTY(qint64 positionMs READ positionMs NOTIFY positionChanged)
    Q_PROPERTY(qint64 durationMs READ durationMs NOTIFY positionChanged)

public:
    // Runs on the I/O thread: the note's bytes, opened (a SealedFileReader).
    using OpenSource = std::function<Result<std::unique_ptr<QIODevice>>()>;
    static constexpr qint64 MaxBytes = 25LL << 20;

    explicit VoicePlayer(QObject *parent = nullptr);
    ~VoicePlayer() override;

    // Stops what plays and plays this. The outcome is finished(key) at the end, or failed(key,
    // code): media.not_audio, media.corrupt, media.missing, audio.no_speaker, audio.output_failed.
    void play(const QString &key, OpenSource open);
    void pause();
    void resume();
    void stop();

    QString current() const { return m_current; }
    // Loading counts as playing for the bubble (its button shows pause at once).
    bool playing() const;
    qint64 positionMs() const;
    qint64 durationMs() const;
    // PCM bytes handed to the output so far in this note (what the sink has received).
    qint64 bytesPlayed() const { return m_bytesPlayed; }

signals:
    void currentChanged();
    void playingChanged();
    void positionChanged();
    void finished(const QString &key);
    void failed(const QString &key, const QString &code);

private:
    void decodeWithQt(const QByteArray &encoded, quint64 generation);
    void startOutput(QByteArray pcm);
    void onSinkState();
    void fail(const QString &code);
    void reset();

    QString m_current;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_paused = false;
    QByteArray m_pcm;
    QBuffer m_pcmBuffer;
    QByteArray m_encoded;
    QBuffer m_encodedBuffer;
    std::unique_ptr<QAudioDecoder> m_decoder;
    std::unique_ptr<QAudioSink> m_sink;
    QTimer m_tick;
    qint64 m_bytesPlayed = 0;
    QThreadPool m_io;
};

} // namespace imp::audio
