#include "media/ImageMetadata.h"

#include "media/MediaSniffer.h"

#include <QtEndian>

namespace imp::media {

namespace {

bool isDroppedJpegSegment(quint8 marker)
{
    return marker == 0xE1 /* APP1: Exif, XMP */ || marker == 0xED /* APP13: IPTC */;
}

bool isDroppedPngChunk(QByteArrayView type)
{
    return type == "eXIf" || type == "tEXt" || type == "zTXt" || type == "iTXt";
}

// The Exif orientation (1..8) of an APP1 segment's payload, 0 when it has none. Reads IFD0 only.
int exifOrientation(QByteArrayView payload)
{
    if (!payload.startsWith(QByteArrayView("Exif\0\0", 6)) || payload.size() < 6 + 8)
        return 0;
    const QByteArrayView tiff = payload.sliced(6);
    const bool big = tiff.startsWith("MM");
    if (!big && !tiff.startsWith("II"))
        return 0;
    auto u16 = [&](qsizetype at) -> int {
        if (at < 0 || at + 2 > tiff.size())
            return -1;
        return big ? qFromBigEndian<quint16>(tiff.data() + at)
                   : qFromLittleEndian<quint16>(tiff.data() + at);
    };
    auto u32 = [&](qsizetype at) -> qint64 {
        if (at < 0 || at + 4 > tiff.size())
            return -1;
        return big ? qFromBigEndian<quint32>(tiff.data() + at)
                   : qFromLittleEndian<quint32>(tiff.data() + at);
    };
    const qint64 ifd = u32(4);
    const int entries = ifd >= 0 ? u16(ifd) : -1;
    for (int i = 0; i < entries && i < 512; ++i) {
        const qsizetype entry = qsizetype(ifd) + 2 + qsizetype(i) * 12;
        if (u16(entry) == 0x0112) { // Orientation, SHORT
            const int value = u16(entry + 8);
            return value >= 1 && value <= 8 ? value : 0;
        }
    }
    return 0;
}

// An APP1 segment that says only how to turn the picture: without it a phone's portrait photo
// would show on its side.
QByteArray orientationOnlyApp1(int orientation)
{
    QByteArray tiff("MM\0\x2a\0\0\0\x08", 8);          // big-endian, IFD0 at 8
    tiff += QByteArray("\0\x01", 2);                   // one entry
    tiff += QByteArray("\x01\x12\0\x03\0\0\0\x01", 8); // Orientation, SHORT, count 1
    tiff += char(0);
    tiff += char(orientation);
    tiff += QByteArray(2, '\0'); // value padding
    tiff += QByteArray(4, '\0'); // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xFF\xE1", 2);
    const quint16 length = quint16(payload.size() + 2);
    segment += char(length >> 8);
    segment += char(length & 0xFF);
    return segment + payload;
}

// Walks the JPEG's segments up to the start of scan; `keep` decides each. Returns the rebuilt
// file, or an error when a length runs past the end.
template <class Keep>
Result<QByteArray> walkJpeg(const QByteArray &in, Keep keep, int *orientation = nullptr)
{
    QByteArray out;
    out.reserve(in.size());
    out.append(in.constData(), 2); // SOI
    qsizetype at = 2;
    while (at + 4 <= in.size()) {
        if (quint8(in[at]) != 0xFF)
            return makeError("media.corrupt", "JPEG segment without a marker");
        const quint8 marker = quint8(in[at + 1]);
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) { // start of scan / end: the rest is image data
            out.append(in.constData() + at, in.size() - at);
            return out;
        }
        if (marker >= 0xD0 && marker <= 0xD7) // restart markers carry no length
            return makeError("media.corrupt", "restart marker before the scan");
        const int length = qFromBigEndian<quint16>(in.constData() + at + 2);
        if (length < 2 || at + 2 + length > in.size())
            return makeError("media.corrupt", "JPEG segment runs past the end");
        const QByteArrayView payload(in.constData() + at + 4, length - 2);
        if (orientation && marker == 0xE1 && *orientation == 0)
            *orientation = exifOrientation(payload);
        if (keep(marker, payload))
            out.append(in.constData() + at, 2 + length);
        else if (orientation && *orientation > 1 && marker == 0xE1) {
            out += orientationOnlyApp1(*orientation);
            *orientation = -1; // written once
        }
        at += 2 + length;
    }
    return makeError("media.corrupt", "JPEG without image data");
}

template <class Keep> Result<QByteArray> walkPng(const QByteArray &in, Keep keep)
{
    QByteArray out;
    out.reserve(in.size());
    out.append(in.constData(), 8); // signature
    qsizetype at = 8;
    while (at + 12 <= in.size()) {
        const quint32 length = qFromBigEndian<quint32>(in.constData() + at);
        if (length > quint32(in.size()) || at + 12 + qsizetype(length) > in.size())
            return makeError("media.corrupt", "PNG chunk runs past the end");
        const QByteArrayView type(in.constData() + at + 4, 4);
        const qsizetype chunk = 12 + qsizetype(length);
        if (keep(type))
            out.append(in.constData() + at, chunk);
        at += chunk;
        if (type == "IEND")
            return out;
    }
    return makeError("media.corrupt", "PNG without IEND");
}

} // namespace

Result<QByteArray> ImageMetadata::strip(const QByteArray &image)
{
    switch (MediaSniffer::sniff(QByteArrayView(image).first(qMin<qsizetype>(64, image.size())))) {
    case MediaSniffer::Kind::Jpeg: {
        int orientation = 0;
        return walkJpeg(
            image, [](quint8 marker, QByteArrayView) { return !isDroppedJpegSegment(marker); },
            &orientation);
    }
    case MediaSniffer::Kind::Png:
        return walkPng(image, [](QByteArrayView type) { return !isDroppedPngChunk(type); });
    default:
        return image;
    }
}

std::optional<ImageMetadata::Size> ImageMetadata::dimensions(const QByteArray &image)
{
    const auto kind =
        MediaSniffer::sniff(QByteArrayView(image).first(qMin<qsizetype>(64, image.size())));
    if (kind == MediaSniffer::Kind::Png) {
        if (image.size() < 24 || QByteArrayView(image.constData() + 12, 4) != "IHDR")
            return std::nullopt;
        const quint32 w = qFromBigEndian<quint32>(image.constData() + 16);
        const quint32 h = qFromBigEndian<quint32>(image.constData() + 20);
        if (w == 0 || h == 0 || w > (1u << 16) || h > (1u << 16))
            return std::nullopt;
        return Size{int(w), int(h)};
    }
    if (kind != MediaSniffer::Kind::Jpeg)
        return std::nullopt;
    // One walk: the frame header (any SOFn but DHT C4, JPG C8 and DAC CC) and the orientation.
    std::optional<Size> size;
    int orientation = 0;
    (void)walkJpeg(
        image,
        [&](quint8 marker, QByteArrayView payload) {
            if (!size && marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                marker != 0xCC && payload.size() >= 5) {
                const int h = qFromBigEndian<quint16>(payload.data() + 1);
                const int w = qFromBigEndian<quint16>(payload.data() + 3);
                if (w > 0 && h > 0)
                    size = Size{w, h};
            }
            return true;
        },
        &orientation);
    if (size && orientation >= 5) // 5..8 turn the picture by a quarter
        std::swap(size->width, size->height);
    return size;
}

bool ImageMetadata::hasMetadata(QByteArrayView image)
{
    // Stripping is idempotent (an orientation-only block is written back as it was), so what
    // stripping would change is exactly the metadata.
    const QByteArray bytes = image.toByteArray();
    auto stripped = strip(bytes);
    return stripped && stripped.value() != bytes;
}

} // namespace imp::media
