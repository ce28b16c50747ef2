// imptech-cli's attachment commands: send-voice, send-file and save. The CliClient's other
// commands are in CliClient.cpp.
#include "CliClient.h"
#include "CliOutput.h"
#include "chat/attachments/MediaLibrary.h"
#include "chat/attachments/OutgoingFile.h"
#include "chat/messages/AttachmentCodec.h"
#include "media/MediaSniffer.h"
#include "media/OggOpusReader.h"
#include "media/VoiceEncoder.h"
#include "media/WavReader.h"
#include "media/Waveform.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>

namespace imp::cli {

namespace {

// What the CLI accepts to send; the server's own limit is checked when the slot is asked for.
constexpr qint64 MaxFile = chat::Attachment::MaxBytes;

Result<QByteArray> readInput(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError("cli.cannot_read", "open");
    if (f.size() > MaxFile)
        return makeError("cli.too_large", "over 100 MiB");
    return f.readAll();
}

// A voice note from a WAV (encoded here, as the app's recorder encodes) or an Ogg/Opus file
// (sent as it is, after a check that it decodes).
Result<chat::Attachment> voiceFrom(const QByteArray &bytes, QByteArray &ogg)
{
    chat::Attachment a;
    a.kind = chat::Attachment::Kind::Voice;
    a.mediaType = QStringLiteral("audio/ogg");
    const auto kind = media::MediaSniffer::sniff(bytes.left(64));
    if (kind == media::MediaSniffer::Kind::Wav) {
        auto pcm = media::WavReader::read(bytes);
        if (!pcm)
            return pcm.error();
        auto encoded = media::VoiceEncoder::encode(pcm.value());
        if (!encoded)
            return encoded.error();
        ogg = encoded->ogg;
        a.durationMs = encoded->durationMs;
        a.waveform = encoded->waveform;
    } else if (kind == media::MediaSniffer::Kind::OggOpus) {
        ogg = bytes;
        QBuffer buffer(&ogg);
        buffer.open(QIODevice::ReadOnly);
        auto pcm = media::OggOpusReader::decodeAll(&buffer);
        if (!pcm)
            return pcm.error();
        a.durationMs = qint64(pcm->size()) * 1000 / media::VoiceEncoder::Rate;
        a.waveform = media::Waveform::peaks(pcm.value());
    } else {
        return makeError("cli.not_voice", "neither WAV nor Ogg/Opus");
    }
    a.size = ogg.size();
    a.sha256 = QCryptographicHash::hash(ogg, QCryptographicHash::Sha256);
    return a;
}

} // namespace

void CliClient::sendAttachment(const QString &jid, chat::Attachment attachment,
                               const QByteArray &bytes)
{
    withSession(
        [this, jid, attachment, bytes]() mutable {
            // Sealed into the media library first: the outbox holds only its id.
            auto stored = m_session->media().store(bytes);
            if (!stored)
                return fail("cannot store the file: " +
                            QString::fromStdString(stored.error().code));
            attachment.fileId = stored.value();
            sendStored(jid, attachment);
        },
        true);
}

void CliClient::sendStored(const QString &jid, const chat::Attachment &attachment)
{
    connect(m_messages, &chat::MessageService::uploadFailed, this,
            [this](const QString &, const QString &, const QString &code) {
                fail("upload failed: " + code, 9);
            });
    if (!m_messages->sendAttachment(jid, attachment))
        return fail("nothing to send (not a JID)", 2);
    finishWhenOutboxEmpty(4);
}

void CliClient::sendVoice(const QString &jid, const QString &path)
{
    auto bytes = readInput(path);
    if (!bytes)
        return fail("cannot read " + path + ": " + QString::fromStdString(bytes.error().code), 2);
    QByteArray ogg;
    auto voice = voiceFrom(bytes.value(), ogg);
    if (!voice)
        return fail("not a voice recording (WAV or Ogg/Opus): " +
                        QString::fromStdString(voice.error().code),
                    2);
    sendAttachment(jid, voice.value(), ogg);
}

void CliClient::sendFile(const QString &jid, const QString &path)
{
    withSession(
        [this, jid, path] {
            // As the app sends it: the kind from the bytes, a photo's place stripped, sealed.
            auto prepared = chat::attachments::OutgoingFile::fromPath(path, m_session->media(), {});
            if (!prepared)
                return fail("cannot send " + path + ": " +
                                QString::fromStdString(prepared.error().code),
                            2);
            sendStored(jid, prepared.value());
        },
        true);
}

void CliClient::save(const QString &jid, const QString &messageId, const QString &out)
{
    withSession(
        [this, jid, messageId, out] {
            const QString peer = xmpp::Jid(jid).bare().toString();
            m_messages->page(peer, std::nullopt, m_options.limit)
                .then(this, [this, messageId, out](Result<QList<chat::Message>> page) {
                    if (!page)
                        return fail("cannot read the history: " +
                                    QString::fromStdString(page.error().code));
                    for (const auto &m : page.value()) {
                        if ((m.originId == messageId || m.stanzaId == messageId) &&
                            !m.attachment.isNull())
                            return saveWhenHere(m, out);
                    }
                    fail("no attachment with that id in the last --limit messages", 2);
                });
        },
        true);
}

void CliClient::saveWhenHere(const chat::Message &message, const QString &out)
{
    auto write = [this, out](const chat::Message &m) {
        auto bytes = m_session->media().readAll(m.attachment.fileId, MaxFile);
        if (!bytes)
            return fail("cannot open the file: " + QString::fromStdString(bytes.error().code));
        // The user asked for the plaintext here; written whole or not at all.
        QSaveFile file(out);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes.value()) != bytes->size() ||
            !file.commit())
            return fail("cannot write " + out, 1);
        printJson(attachmentJson(m.attachment));
        done();
    };
    if (message.attachment.isHere())
        return write(message);
    connect(m_messages, &chat::MessageService::messageChanged, this,
            [this, id = message.id, write](const chat::Message &m) {
                if (m.id != id)
                    return;
                if (m.attachment.transfer == chat::Attachment::Transfer::Ready)
                    write(m);
                else if (m.attachment.transfer == chat::Attachment::Transfer::DownloadFailed)
                    fail("download failed: " + m.attachment.error, 9);
            });
    m_messages->download(message);
}

} // namespace imp::cli
