#include "chat/attachments/AttachmentTransfer.h"

#include "chat/attachments/MediaLibrary.h"
#include "chat/attachments/TransferClient.h"
#include "chat/attachments/UploadService.h"
#include "crypto/SealedFile.h"
#include "media/MediaSniffer.h"
#include "media/OggOpusReader.h"
#include "media/Waveform.h"

#include <QBuffer>
#include <QFuture>
#include <QtConcurrent>
#include <atomic>

namespace imp::chat::attachments {

namespace {

// One download on its way into the library: the writer lives on the I/O thread.
struct Incoming {
    std::unique_ptr<crypto::SealedFileWriter> writer;
    std::atomic<bool> failed{false};
    std::string failure;
};

// Checks a finished download against what its sender declared and what a bubble of its kind
// can show, on the I/O thread. The file is removed when it does not pass.
Result<Attachment> verify(const MediaLibrary &library, const QString &fileId, Attachment a,
                          const crypto::SealedFileWriter &writer)
{
    auto reject = [&](const char *code) -> Result<Attachment> {
        library.remove(fileId);
        return makeError(code, "download check");
    };
    if (a.size > 0 && writer.plaintextSize() != a.size)
        return reject("download.size_mismatch");
    if (!a.sha256.isEmpty() && writer.sha256() != a.sha256)
        return reject("download.hash_mismatch");
    auto reader = library.open(fileId);
    if (!reader)
        return reject("media.corrupt");
    const auto kind = media::MediaSniffer::sniff(reader.value()->peek(64));
    if (a.kind == Attachment::Kind::Voice && !media::MediaSniffer::isAudio(kind))
        return reject("download.not_audio");
    if (a.kind == Attachment::Kind::Image && !media::MediaSniffer::isImage(kind))
        a.kind = Attachment::Kind::File; // shown as what it is, a file
    a.size = writer.plaintextSize();
    a.sha256 = writer.sha256();
    a.fileId = fileId;
    // A voice note from a client that sends no length or waveform (Conversations, Gajim): both
    // from the audio itself, here on the I/O thread, so the bubble has its bars and seconds.
    if (kind == media::MediaSniffer::Kind::OggOpus && (a.durationMs == 0 || a.waveform.isEmpty())) {
        reader.value()->seek(0);
        if (auto pcm = media::OggOpusReader::decodeAll(reader.value().get())) {
            a.durationMs = qint64(pcm->size()) * 1000 / 48000;
            a.waveform = media::Waveform::peaks(pcm.value());
        }
    }
    return a;
}

} // namespace

AttachmentTransfer::AttachmentTransfer(MediaLibrary &library, UploadService &uploads,
                                       TransferClient &client, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_uploads(uploads)
    , m_client(client)
{
    m_io.setMaxThreadCount(1);
}

AttachmentTransfer::~AttachmentTransfer()
{
    m_io.waitForDone();
}

QString AttachmentTransfer::uploadName(const Attachment &a)
{
    if (!a.name.isEmpty())
        return a.name;
    if (a.kind == Attachment::Kind::Voice)
        return QStringLiteral("voice.ogg");
    return a.kind == Attachment::Kind::Image ? QStringLiteral("photo") : QStringLiteral("file");
}

void AttachmentTransfer::upload(const Attachment &a, Progress progress, Done done)
{
    // Voice notes and photos (up to InMemoryUpload) are decrypted on the I/O thread and PUT
    // from memory, so the UI thread never reads the disk for them. Bigger files stream from
    // the sealed copy (QNetworkAccessManager reads it on this thread, 64 KiB at a time)
    // rather than holding up to 100 MiB of plaintext in memory.
    const MediaLibrary library = m_library;
    const QString fileId = a.fileId;
    QtConcurrent::run(&m_io,
                      [library, fileId]() -> Result<QByteArray> {
                          return library.readAll(fileId, InMemoryUpload);
                      })
        .then(this, [this, a, progress = std::move(progress),
                     done = std::move(done)](Result<QByteArray> bytes) mutable {
            if (!bytes && bytes.error().code == "media.too_large") {
                uploadStreaming(a, std::move(progress), std::move(done));
                return;
            }
            if (!bytes) {
                done(bytes.error());
                return;
            }
            auto buffer = std::make_shared<QBuffer>();
            buffer->setData(std::move(bytes.value()));
            buffer->open(QIODevice::ReadOnly);
            putBody(a, buffer, std::move(progress), std::move(done));
        });
}

void AttachmentTransfer::uploadStreaming(const Attachment &a, Progress progress, Done done)
{
    auto opened = m_library.open(a.fileId);
    if (!opened) {
        done(opened.error());
        return;
    }
    putBody(a, std::shared_ptr<QIODevice>(std::move(opened.value())), std::move(progress),
            std::move(done));
}

void AttachmentTransfer::putBody(const Attachment &a, std::shared_ptr<QIODevice> body,
                                 Progress progress, Done done)
{
    const qint64 size = body->size();
    m_uploads.requestSlot(uploadName(a), size, a.mediaType,
                          [this, a, body, size, progress = std::move(progress),
                           done = std::move(done)](Result<xmpp::HttpUpload::Slot> slot) mutable {
                              if (!slot) {
                                  done(slot.error());
                                  return;
                              }
                              body->seek(0);
                              const QUrl get = slot->get;
                              m_client.put(
                                  slot->put, slot->headers, body.get(), size, a.mediaType,
                                  std::move(progress),
                                  [a, body, get, done = std::move(done)](Result<void> put) {
                                      if (!put) {
                                          done(put.error());
                                          return;
                                      }
                                      Attachment uploaded = a;
                                      uploaded.url = get.toString(QUrl::FullyEncoded);
                                      done(uploaded);
                                  });
                          });
}

void AttachmentTransfer::fetch(const Attachment &a, Progress progress, Done done)
{
    if (a.size > Attachment::MaxBytes) {
        done(makeError("download.too_large", "declared over the limit"));
        return;
    }
    const QString fileId = MediaLibrary::newFileId();
    auto writer = m_library.create(fileId);
    if (!writer) {
        done(writer.error());
        return;
    }
    auto incoming = std::make_shared<Incoming>();
    incoming->writer = std::move(writer.value());
    const qint64 limit = a.size > 0 ? a.size : Attachment::MaxBytes;
    m_client.get(
        QUrl(a.url), limit,
        [this, incoming](const QByteArray &chunk) {
            if (incoming->failed)
                return false;
            // Sealed and written off the UI thread, in order (one I/O thread).
            (void)QtConcurrent::run(&m_io, [incoming, chunk] {
                if (incoming->failed)
                    return;
                if (auto written = incoming->writer->write(chunk); !written) {
                    incoming->failure = written.error().code;
                    incoming->failed = true;
                }
            });
            return true;
        },
        std::move(progress),
        [this, incoming, a, fileId, done = std::move(done)](Result<void> got) mutable {
            QtConcurrent::run(&m_io,
                              [this, incoming, a, fileId, ok = got.ok()]() -> Result<Attachment> {
                                  if (!ok || incoming->failed) {
                                      incoming->writer->abort();
                                      return makeError(ok ? incoming->failure : "", "");
                                  }
                                  if (auto finished = incoming->writer->finish(); !finished)
                                      return finished.error();
                                  return verify(m_library, fileId, a, *incoming->writer);
                              })
                .then(this, [got, done = std::move(done)](Result<Attachment> result) {
                    if (!got)
                        done(got.error()); // the network's reason, not the writer's
                    else
                        done(std::move(result));
                });
        });
}

} // namespace imp::chat::attachments
