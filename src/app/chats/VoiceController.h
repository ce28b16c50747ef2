#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <memory>

namespace imp::audio {
class VoicePlayer;
class VoiceRecorder;
} // namespace imp::audio

namespace imp::app {

class ChatsController;

// Voice notes in the open chat: hold to talk (or click, click on a desktop), slide up to cancel,
// and playing a bubble, with the next unplayed note after it (as WeChat does). The recorder is
// made on the first press, so the microphone is asked for then and never at start-up. Texts and
// rules are decided here and in imp::audio; QML only shows them.
class VoiceController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool recording READ recording NOTIFY recordingChanged)
    Q_PROPERTY(bool cancelArmed READ cancelArmed WRITE setCancelArmed NOTIFY recordingChanged)
    Q_PROPERTY(double level READ level NOTIFY levelChanged)
    Q_PROPERTY(QString elapsedText READ elapsedText NOTIFY elapsedChanged)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY elapsedChanged)
    Q_PROPERTY(QString hint READ hint NOTIFY hintChanged)
    Q_PROPERTY(qint64 playingId READ playingId NOTIFY playingChanged)
    Q_PROPERTY(bool paused READ paused NOTIFY playingChanged)
    Q_PROPERTY(double playProgress READ playProgress NOTIFY playProgressChanged)

public:
    explicit VoiceController(QObject *parent = nullptr);
    ~VoiceController() override;
    static VoiceController *create(QQmlEngine *engine, QJSEngine *);

    bool recording() const;
    bool cancelArmed() const { return m_cancelArmed; }
    void setCancelArmed(bool armed);
    double level() const;
    QString elapsedText() const;
    qint64 elapsedMs() const;
    int secondsLeft() const;
    // What the recording panel says: slide up to cancel / release to cancel / click to send.
    QString hint() const;
    qint64 playingId() const { return m_playingId; }
    bool paused() const;
    double playProgress() const;

    // A press under this long is a click: on a desktop, click to start and click again to send.
    static constexpr int ClickMs = 300;

    // The mic bar is pressed: starts recording into the open chat (false, with a notice, when
    // there is no microphone), or, in click mode, this is the second click: the note is sent.
    Q_INVOKABLE bool press();
    // ...and released after `heldMs`: sends the note (or says it was too short), cancels it if
    // the finger slid up, or after a click keeps recording until the next click.
    Q_INVOKABLE void release(int heldMs);
    // The keyboard shortcut: starts in click mode, or sends.
    Q_INVOKABLE void toggleByKey();
    Q_INVOKABLE void cancelRecording();
    // Tap on a voice bubble: play, pause or resume it (a note not here yet is fetched first).
    Q_INVOKABLE void togglePlay(qint64 messageId);
    Q_INVOKABLE void stopPlaying();

    // Messages for the UI from error codes (public for tests).
    static QString recordingMessage(const QString &code);
    static QString playbackMessage(const QString &code);

signals:
    void recordingChanged();
    void levelChanged();
    void elapsedChanged();
    void hintChanged();
    void playingChanged();
    void playProgressChanged();
    // A short message to show (through the chat's toast).
    void notice(const QString &text);

private:
    ChatsController *chats() const;
    audio::VoiceRecorder &recorder();
    audio::VoicePlayer &player();
    bool startRecording();
    void finishRecording();
    void play(qint64 messageId);
    void onPlayed(const QString &key);

    QQmlEngine *m_engine = nullptr;
    std::unique_ptr<audio::VoiceRecorder> m_recorder; // made on the first press
    std::unique_ptr<audio::VoicePlayer> m_player;
    QString m_recordingPeer;
    bool m_cancelArmed = false;
    bool m_clickMode = false;
    bool m_pressFinished = false; // this press was the click that sent the note
    qint64 m_playingId = -1;
};

} // namespace imp::app
