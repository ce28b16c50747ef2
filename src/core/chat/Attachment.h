#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace imp::chat {

// A voice note, photo or file carried by a message (XEP-0363 upload, OOB + XEP-0446 metadata on
// the wire). The bytes live in the profile's media folder, sealed (crypto/SealedFile), under
// `fileId`; the message keeps what describes them.
struct Attachment {
    enum class Kind : int { None = 0, Voice = 1, Image = 2, File = 3 };
    // Where the bytes are for this device. Stored, so it survives a restart; progress while
    // a transfer runs is a signal, not a state.
    enum class Transfer : int {
        Local = 0,          // ours, sealed here, not uploaded yet
        UploadFailed = 1,   // ours; the user can retry
        Remote = 2,         // theirs (or ours uploaded), not here
        Ready = 3,          // here, sealed, verified
        DownloadFailed = 4, // theirs; the bubble says why, a tap retries
    };

    // The largest file sent or fetched (the upload service's own limit is the same, 100 MiB;
    // server/prosody/prosody.cfg.lua.in).
    static constexpr qint64 MaxBytes = 100LL << 20;

    Kind kind = Kind::None;
    QString url;       // https URL of the upload ("" until uploaded)
    QString mediaType; // what the sender declared; playback decides from the bytes
    QString name;      // the file name shown for files ("" for voice)
    qint64 size = 0;   // bytes
    qint64 durationMs = 0;
    int width = 0;
    int height = 0;
    QByteArray sha256;   // raw 32 bytes when the sender gave one
    QByteArray waveform; // voice: ~100 peaks, 0..255
    QString fileId;      // the sealed local copy ("" = none)
    Transfer transfer = Transfer::Remote;
    QString error;       // why the last transfer failed (a stable code, translated by the UI)
    bool played = false; // voice: the unplayed dot

    bool isNull() const { return kind == Kind::None; }
    // Stable names for scripts and QML: "voice", "image", "file" ("" for None); "local",
    // "upload-failed", "remote", "ready", "download-failed".
    static QString kindName(Kind kind);
    static QString transferName(Transfer transfer);
    bool isHere() const
    {
        return !fileId.isEmpty() && (transfer == Transfer::Ready || transfer == Transfer::Local ||
                                     transfer == Transfer::UploadFailed);
    }
};

} // namespace imp::chat
