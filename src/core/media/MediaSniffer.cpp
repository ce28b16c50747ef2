#include "media/MediaSniffer.h"

namespace imp::media {

MediaSniffer::Kind MediaSniffer::sniff(QByteArrayView head)
{
    auto at = [&](qsizetype pos, QByteArrayView magic) {
        return head.size() >= pos + magic.size() && head.sliced(pos, magic.size()) == magic;
    };
    if (at(0, "OggS"))
        return at(28, "OpusHead") ? Kind::OggOpus : Kind::OggOther;
    if (at(4, "ftyp")) {
        // HEIF photos (iPhones) share MP4's box layout; their major brand says so.
        for (const char *brand : {"heic", "heix", "heim", "heis", "mif1", "msf1", "avif"})
            if (at(8, brand))
                return Kind::Heic;
        return Kind::Mp4; // .m4a (AAC) from Conversations and Kaidan, Opus in MP4 from Gajim
    }
    if (at(0, "RIFF") && at(8, "WAVE"))
        return Kind::Wav;
    if (at(0, "RIFF") && at(8, "WEBP"))
        return Kind::Webp;
    if (at(0, "ID3") ||
        (head.size() >= 2 && uchar(head[0]) == 0xff && (uchar(head[1]) & 0xe0) == 0xe0))
        return Kind::Mp3;
    if (at(0, "\xff\xd8\xff"))
        return Kind::Jpeg;
    if (at(0, "\x89PNG\r\n\x1a\n"))
        return Kind::Png;
    if (at(0, "GIF87a") || at(0, "GIF89a"))
        return Kind::Gif;
    if (at(0, "%PDF-"))
        return Kind::Pdf;
    return Kind::Unknown;
}

QString MediaSniffer::mediaType(Kind kind)
{
    switch (kind) {
    case Kind::OggOpus:
    case Kind::OggOther:
        return QStringLiteral("audio/ogg");
    case Kind::Mp4:
        return QStringLiteral("audio/mp4");
    case Kind::Wav:
        return QStringLiteral("audio/wav");
    case Kind::Mp3:
        return QStringLiteral("audio/mpeg");
    case Kind::Jpeg:
        return QStringLiteral("image/jpeg");
    case Kind::Png:
        return QStringLiteral("image/png");
    case Kind::Gif:
        return QStringLiteral("image/gif");
    case Kind::Webp:
        return QStringLiteral("image/webp");
    case Kind::Heic:
        return QStringLiteral("image/heic");
    case Kind::Pdf:
        return QStringLiteral("application/pdf");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("application/octet-stream");
}

bool MediaSniffer::isAudio(Kind kind)
{
    return kind == Kind::OggOpus || kind == Kind::OggOther || kind == Kind::Mp4 ||
           kind == Kind::Wav || kind == Kind::Mp3;
}

bool MediaSniffer::isImage(Kind kind)
{
    return kind == Kind::Jpeg || kind == Kind::Png || kind == Kind::Gif || kind == Kind::Webp ||
           kind == Kind::Heic;
}

} // namespace imp::media
