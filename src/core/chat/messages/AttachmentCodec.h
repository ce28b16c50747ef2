#pragma once

#include "chat/Attachment.h"
#include "xmpp/XmlElement.h"

#include <optional>

namespace imp::chat::messages {

// The pure codec between a message stanza and the attachment it carries, beside StanzaCodec.
// On the wire (what Conversations, Kaidan, Gajim and Dino read): the URL as the body and in
// jabber:x:oob; XEP-0447's <file-sharing/> with XEP-0446 metadata (media type, name, size,
// length in ms, SHA-256) and the URL as its source; and our waveform and kind in
// urn:imptech:media:0, which other clients ignore.
class AttachmentCodec {
public:
    // Limits on what a peer may claim; a stanza beyond them carries no attachment.
    static constexpr int MaxUrlLength = 2048;
    static constexpr qint64 MaxSize = qint64(4) << 30;
    static constexpr qint64 MaxDurationMs = 24LL * 3600 * 1000;
    static constexpr int MaxWaveform = 256;
    static constexpr int MaxNameLength = 255;

    // The attachment of a received message, when it has one. `body` is the stanza's body; it is
    // cleared when it only repeats the URL (the fallback for clients without OOB).
    static std::optional<Attachment> decode(const xmpp::XmlElement &message, QString &body);
    // Adds the OOB and metadata children for an uploaded attachment to `message` (whose body
    // the caller sets to the URL).
    static void encode(const Attachment &attachment, xmpp::XmlElement &message);

    // What the kind is, from what the sender declared and the URL's name. Playback later decides
    // the format from the bytes; this only says which bubble to show.
    static Attachment::Kind kindOf(const QString &mediaType, const QString &url);
    // A file name safe to show and to offer for saving: no directories, no control characters.
    static QString safeName(const QString &name);
};

} // namespace imp::chat::messages
