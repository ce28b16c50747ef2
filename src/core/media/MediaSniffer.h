#pragma once

#include <QByteArrayView>
#include <QString>

namespace imp::media {

// What a file is, from its first bytes, never from its name or the type its sender declared:
// the player and the bubble decide from this.
class MediaSniffer {
public:
    enum class Kind { Unknown, OggOpus, OggOther, Mp4, Wav, Mp3, Jpeg, Png, Gif, Webp, Heic, Pdf };
    // Reads at most the first 64 bytes.
    static Kind sniff(QByteArrayView head);
    static QString mediaType(Kind kind);
    static bool isAudio(Kind kind);
    static bool isImage(Kind kind);
};

} // namespace imp::media
