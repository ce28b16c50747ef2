#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace imp::media {

// What a photo tells about where and on what it was taken, removed before it leaves the device
// (the agreement's privacy promises): JPEG APP1 (Exif with GPS, XMP) and APP13 (IPTC) segments,
// PNG eXIf, tEXt, zTXt and iTXt chunks. The pixels are not touched (no re-encoding, no quality
// lost). A JPEG's orientation is kept, in a new Exif block that holds nothing else, so a
// portrait photo still shows upright. Other formats pass through unchanged.
class ImageMetadata {
public:
    // Errors: media.corrupt (a JPEG or PNG whose structure is broken).
    static Result<QByteArray> strip(const QByteArray &image);
    struct Size {
        int width = 0;
        int height = 0;
    };
    // Width and height as the photo is shown (a JPEG turned by its Exif orientation), read from
    // the headers without decoding: JPEG (SOF) and PNG (IHDR). nullopt for other formats.
    static std::optional<Size> dimensions(const QByteArray &image);
    // True when `image` carries Exif/XMP/IPTC (JPEG; an orientation-only Exif block does not
    // count) or eXIf/text (PNG).
    static bool hasMetadata(QByteArrayView image);
};

} // namespace imp::media
