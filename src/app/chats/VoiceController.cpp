#include "VoiceController.h"

#include "ChatsController.h"
#include "audio/VoicePlayer.h"
#include "audio/VoiceRecorder.h"
#include "chat/ChatSession.h"
#include "chat/MessageService.h"
#include "chat/attachments/MediaLibrary.h"
#include "common/Log.h"
#include "crypto/SealedFileReader.h"
#include "crypto/SealedFileWriter.h"

namespace imp::app {

VoiceController::VoiceController(QObject *parent)
    : QObject(parent)
{}

VoiceController::~VoiceController() = default;

VoiceController *VoiceController::create(QQmlEngine *engine, QJSEngine *)
{
    auto *controller = new VoiceController;
    controller->m_engine = engine;
    QJSEngine::setObjectOwnership(controller, QJSEngine::JavaScriptOwnership);
    if (auto *chats = ChatsController::instance(engine)) {
        // Leaving a chat ends what it was doing: nothing is sent to a chat no longer open.
        connect(chats, &ChatsController::currentChanged, controller, [controller] {
            auto *c = controller->chats();
            if (!c)
                return;
            if (controller->recording() && c->currentPeer() != controller->m_recordingPeer)
                controller->cancelRecording();
            if (controller->m_playingId >= 0 && !c->messages()->message(controller->m_playingId))
                controller->stopPlaying();
        });
    }
    return controller;
}

ChatsController *VoiceController::chats() const
{
    return ChatsController::instance(m_engine ? m_engine : qmlEngine(this));
}

audio::VoiceRecorder &VoiceController::recorder()
{
    if (!m_recorder) {
        m_recorder = std::make_unique<audio::VoiceRecorder>();
        connect(m_recorder.get(), &audio::VoiceRecorder::recordingChanged, this,
                &VoiceController::recordingChanged);
        connect(m_recorder.get(), &audio::VoiceRecorder::recordingChanged, this,
                &VoiceController::hintChanged);
        connect(m_recorder.get(), &audio::VoiceRecorder::levelChanged, this,
                &VoiceController::levelChanged);
        connect(m_recorder.get(), &audio::VoiceRecorder::elapsedChanged, this, [this] {
            emit elapsedChanged();
            if (m_recorder->secondsLeft() > 0)
                emit hintChanged();
        });
    }
    return *m_recorder;
}

audio::VoicePlayer &VoiceController::player()
{
    if (!m_player) {
        m_player = std::make_unique<audio::VoicePlayer>();
        connect(m_player.get(), &audio::VoicePlayer::playingChanged, this,
                &VoiceController::playingChanged);
        connect(m_player.get(), &audio::VoicePlayer::positionChanged, this,
                &VoiceController::playProgressChanged);
        connect(m_player.get(), &audio::VoicePlayer::currentChanged, this, [this] {
            if (m_player->current().isEmpty() && m_playingId >= 0) {
                m_playingId = -1;
                emit playingChanged();
            }
        });
        connect(m_player.get(), &audio::VoicePlayer::finished, this, &VoiceController::onPlayed);
        connect(m_player.get(), &audio::VoicePlayer::failed, this,
                [this](const QString &, const QString &code) {
                    IMP_LOG_WARN("voice: playback failed: {}", code.toStdString());
                    emit notice(playbackMessage(code));
                });
    }
    return *m_player;
}

bool VoiceController::recording() const
{
    return m_recorder && m_recorder->recording();
}

void VoiceController::setCancelArmed(bool armed)
{
    if (armed == m_cancelArmed || (armed && !recording()))
        return;
    m_cancelArmed = armed;
    emit recordingChanged();
    emit hintChanged();
}

double VoiceController::level() const
{
    return m_recorder ? m_recorder->level() : 0;
}

qint64 VoiceController::elapsedMs() const
{
    return m_recorder ? m_recorder->elapsedMs() : 0;
}

QString VoiceController::elapsedText() const
{
    const qint64 s = elapsedMs() / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

int VoiceController::secondsLeft() const
{
    return m_recorder ? m_recorder->secondsLeft() : 0;
}

QString VoiceController::hint() const
{
    if (!recording())
        return {};
    if (m_cancelArmed)
        return tr("Release to cancel");
    if (const int left = secondsLeft(); left > 0)
        return tr("%n second(s) left", "", left);
    if (m_clickMode)
        return tr("Click again to send, Esc to cancel");
    return tr("Slide up to cancel");
}

bool VoiceController::paused() const
{
    return m_player && m_playingId >= 0 && !m_player->playing();
}

double VoiceController::playProgress() const
{
    if (!m_player || m_playingId < 0 || m_player->durationMs() <= 0)
        return 0;
    return double(m_player->positionMs()) / double(m_player->durationMs());
}

bool VoiceController::press()
{
    m_pressFinished = false;
    if (recording() && m_clickMode) {
        m_pressFinished = true;
        finishRecording();
        return true;
    }
    return startRecording();
}

void VoiceController::release(int heldMs)
{
    if (m_pressFinished || !recording()) {
        m_pressFinished = false;
        return;
    }
    if (m_cancelArmed) {
        cancelRecording();
        return;
    }
    if (heldMs < ClickMs && !m_clickMode) {
        m_clickMode = true; // a click, not a hold: record until the next click
        emit hintChanged();
        return;
    }
    finishRecording();
}

void VoiceController::toggleByKey()
{
    if (recording()) {
        finishRecording();
        return;
    }
    if (startRecording()) {
        m_clickMode = true;
        emit hintChanged();
    }
}

bool VoiceController::startRecording()
{
    auto *c = chats();
    if (!c || !c->session() || c->currentPeer().isEmpty())
        return false;
    stopPlaying(); // the microphone would hear the speaker
    const chat::attachments::MediaLibrary library = c->session()->media();
    const QString fileId = chat::attachments::MediaLibrary::newFileId();
    m_recordingPeer = c->currentPeer();
    m_clickMode = false;
    m_cancelArmed = false;
    QPointer<VoiceController> self(this);
    auto started = recorder().start(
        [library, fileId] { return library.create(fileId); },
        [self, fileId](Result<audio::VoiceRecorder::Recording> result) {
            if (!self)
                return;
            auto *chatsNow = self->chats();
            const QString peer = std::exchange(self->m_recordingPeer, {});
            self->m_cancelArmed = false;
            self->m_clickMode = false;
            emit self->recordingChanged();
            emit self->hintChanged();
            if (!result) {
                const QString code = QString::fromStdString(result.error().code);
                if (code != QLatin1String("audio.cancelled"))
                    emit self->notice(recordingMessage(code));
                return;
            }
            if (!chatsNow || !chatsNow->messageService() || peer.isEmpty())
                return;
            chat::Attachment note;
            note.kind = chat::Attachment::Kind::Voice;
            note.mediaType = QStringLiteral("audio/ogg");
            note.size = result->size;
            note.durationMs = result->durationMs;
            note.sha256 = result->sha256;
            note.waveform = result->waveform;
            note.fileId = fileId;
            note.transfer = chat::Attachment::Transfer::Local;
            note.played = true;
            if (!chatsNow->session()->sendAttachment(peer, note))
                emit self->notice(recordingMessage(QStringLiteral("chat.send_failed")));
        });
    if (!started) {
        m_recordingPeer.clear();
        emit notice(recordingMessage(QString::fromStdString(started.error().code)));
        return false;
    }
    emit hintChanged();
    return true;
}

void VoiceController::finishRecording()
{
    if (!recording())
        return;
    if (m_cancelArmed) {
        cancelRecording();
        return;
    }
    recorder().stop();
}

void VoiceController::cancelRecording()
{
    if (m_recorder)
        m_recorder->cancel();
}

void VoiceController::togglePlay(qint64 messageId)
{
    auto *c = chats();
    if (!c || !c->messageService())
        return;
    const auto message = c->messages()->message(messageId);
    if (!message || message->attachment.kind != chat::Attachment::Kind::Voice)
        return;
    if (m_playingId == messageId && m_player) {
        if (m_player->playing())
            m_player->pause();
        else
            m_player->resume();
        emit playingChanged();
        return;
    }
    if (message->attachment.transfer == chat::Attachment::Transfer::UploadFailed ||
        !message->attachment.isHere()) {
        // Not sent (a tap sends it again), or not fetched yet: the bubble shows progress.
        c->activateAttachment(messageId);
        return;
    }
    play(messageId);
}

void VoiceController::play(qint64 messageId)
{
    auto *c = chats();
    const auto message = c ? c->messages()->message(messageId) : std::nullopt;
    if (!message || !c->session())
        return;
    const chat::attachments::MediaLibrary library = c->session()->media();
    const QString fileId = message->attachment.fileId;
    m_playingId = messageId;
    player().play(QString::number(messageId),
                  [library, fileId]() -> Result<std::unique_ptr<QIODevice>> {
                      auto opened = library.open(fileId);
                      if (!opened)
                          return opened.error();
                      return std::unique_ptr<QIODevice>(std::move(opened.value()));
                  });
    if (!message->outgoing && !message->attachment.played)
        c->messageService()->markPlayed(*message);
    emit playingChanged();
    emit playProgressChanged();
}

void VoiceController::onPlayed(const QString &key)
{
    auto *c = chats();
    if (!c)
        return;
    if (const auto next = c->messages()->nextUnplayedVoiceAfter(key.toLongLong()))
        play(next->id);
}

void VoiceController::stopPlaying()
{
    if (m_player)
        m_player->stop();
    if (m_playingId >= 0) {
        m_playingId = -1;
        emit playingChanged();
    }
}

QString VoiceController::recordingMessage(const QString &code)
{
    if (code == QLatin1String("audio.too_short"))
        return tr("Too short to send");
    if (code == QLatin1String("audio.no_microphone"))
        return tr("No microphone found. You can still send text.");
    if (code == QLatin1String("audio.microphone_failed") ||
        code == QLatin1String("audio.microphone_denied"))
        return tr("The microphone cannot be used. Check that IMpTech may use it.");
    if (code == QLatin1String("media.disk_full"))
        return tr("Your device is full. The voice message was not saved.");
    if (code == QLatin1String("audio.busy"))
        return {};
    return tr("The voice message could not be recorded.");
}

QString VoiceController::playbackMessage(const QString &code)
{
    if (code == QLatin1String("audio.no_speaker") || code == QLatin1String("audio.output_failed"))
        return tr("No speaker or headphones to play on.");
    if (code == QLatin1String("media.not_audio"))
        return tr("This voice message is in a format that cannot be played.");
    return tr("This voice message cannot be played.");
}

} // namespace imp::app
