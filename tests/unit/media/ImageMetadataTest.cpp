#include "media/ImageMetadata.h"

#include <QtEndian>
#include <gtest/gtest.h>

using imp::media::ImageMetadata;

namespace {

QByteArray segment(quint8 marker, const QByteArray &payload)
{
    QByteArray s("\xFF", 1);
    s += char(marker);
    const quint16 length = quint16(payload.size() + 2);
    s += char(length >> 8);
    s += char(length & 0xFF);
    return s + payload;
}

// Exif with IFD0 = {Orientation, a GPS IFD pointer} and a place name after it, little-endian
// as most phones write it.
QByteArray exif(int orientation, const QByteArray &secret)
{
    QByteArray tiff("II\x2a\0\x08\0\0\0", 8);
    auto le16 = [&](quint16 v) {
        tiff += char(v & 0xFF);
        tiff += char(v >> 8);
    };
    auto le32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            tiff += char((v >> (8 * i)) & 0xFF);
    };
    le16(2);
    le16(0x0112);
    le16(3);
    le32(1);
    le16(quint16(orientation));
    le16(0);
    le16(0x8825);
    le16(4);
    le32(1);
    le32(38); // GPS IFD at 38
    le32(0);
    tiff += secret;
    return QByteArray("Exif\0\0", 6) + tiff;
}

QByteArray jpeg(const QByteArray &app1, const QByteArray &scan = QByteArray(300, '\x55'))
{
    QByteArray j("\xFF\xD8", 2);
    j += segment(0xE0, QByteArray("JFIF\0\x01\x02\0\0\x01\0\x01\0\0", 14));
    if (!app1.isEmpty())
        j += segment(0xE1, app1);
    j += segment(0xED, "Photoshop 3.0\0"
                       "8BIM caption: at home");
    j += segment(0xDB, QByteArray(65, '\x10'));
    // SOF0: 8-bit, 3000 high, 4000 wide, 3 components.
    j +=
        segment(0xC0, QByteArray("\x08\x0B\xB8\x0F\xA0\x03\x01\x22\0\x02\x11\x01\x03\x11\x01", 15));
    j += segment(0xDA, QByteArray("\x01\x01\0\0?\0", 6));
    j += scan;
    j += QByteArray("\xFF\xD9", 2);
    return j;
}

QByteArray pngChunk(const char *type, const QByteArray &data)
{
    QByteArray c(4, '\0');
    qToBigEndian<quint32>(quint32(data.size()), c.data());
    return c + type + data + QByteArray(4, '\x7f'); // the CRC is not what is tested here
}

} // namespace

TEST(ImageMetadataTest, APhotosPlaceAndCaptionGoAndThePixelsStay)
{
    const QByteArray secret = "GPS 39.9042N 116.4074E Beijing home";
    const QByteArray photo = jpeg(exif(1, secret));
    ASSERT_TRUE(ImageMetadata::hasMetadata(photo));
    auto stripped = ImageMetadata::strip(photo);
    ASSERT_TRUE(stripped) << stripped.error().code;
    EXPECT_FALSE(stripped->contains("Beijing"));
    EXPECT_FALSE(stripped->contains("caption")) << "IPTC goes too";
    EXPECT_FALSE(stripped->contains("Exif")) << "upright already: no orientation block needed";
    EXPECT_TRUE(stripped->contains("JFIF"));
    EXPECT_TRUE(stripped->endsWith(QByteArray(300, '\x55') + QByteArray("\xFF\xD9", 2)))
        << "the scan is copied as it is";
    EXPECT_FALSE(ImageMetadata::hasMetadata(*stripped));
}

TEST(ImageMetadataTest, APortraitPhotoKeepsOnlyItsOrientation)
{
    const QByteArray photo = jpeg(exif(6, "GPS secret place"));
    auto stripped = ImageMetadata::strip(photo);
    ASSERT_TRUE(stripped);
    EXPECT_FALSE(stripped->contains("secret place"));
    const qsizetype at = stripped->indexOf("Exif");
    ASSERT_GE(at, 0) << "the orientation is written back";
    // Big-endian TIFF, one IFD0 entry: Orientation = 6.
    EXPECT_EQ(stripped->mid(at + 6, 4), QByteArray("MM\0\x2a", 4));
    EXPECT_EQ(stripped->mid(at + 6 + 10, 2), QByteArray("\x01\x12", 2));
    EXPECT_EQ(int(stripped->at(at + 6 + 19)), 6);
    EXPECT_FALSE(ImageMetadata::hasMetadata(*stripped));
    auto again = ImageMetadata::strip(*stripped);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *stripped) << "stripping twice changes nothing";
}

TEST(ImageMetadataTest, PngTextAndExifChunksGo)
{
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    png += pngChunk("IHDR", QByteArray(13, '\x01'));
    png += pngChunk("tEXt", "Comment\0taken at the office");
    png += pngChunk("eXIf", exif(1, "GPS lat"));
    png += pngChunk("IDAT", QByteArray(50, '\x22'));
    png += pngChunk("IEND", {});
    ASSERT_TRUE(ImageMetadata::hasMetadata(png));
    auto stripped = ImageMetadata::strip(png);
    ASSERT_TRUE(stripped);
    EXPECT_FALSE(stripped->contains("office"));
    EXPECT_FALSE(stripped->contains("GPS"));
    EXPECT_TRUE(stripped->contains("IDAT"));
    EXPECT_TRUE(stripped->contains("IEND"));
}

TEST(ImageMetadataTest, BrokenImagesAreRefusedAndOtherFilesPassThrough)
{
    QByteArray cut = jpeg(exif(1, "x"));
    cut.truncate(30); // inside the APP1 segment
    auto refused = ImageMetadata::strip(cut);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "media.corrupt");
    QByteArray lying("\xFF\xD8\xFF\xE1\xFF\xFF", 6); // a length past the end
    EXPECT_FALSE(ImageMetadata::strip(lying));
    const QByteArray pdf = "%PDF-1.7 a document with /Author (someone)";
    auto same = ImageMetadata::strip(pdf);
    ASSERT_TRUE(same);
    EXPECT_EQ(*same, pdf);
}

TEST(ImageMetadataTest, DimensionsComeFromTheHeadersTurnedAsShown)
{
    auto landscape = ImageMetadata::dimensions(jpeg(exif(1, "x")));
    ASSERT_TRUE(landscape);
    EXPECT_EQ(landscape->width, 4000);
    EXPECT_EQ(landscape->height, 3000);
    // Orientation 6: the phone was held upright, so the photo shows 3000 wide.
    auto portrait = ImageMetadata::dimensions(jpeg(exif(6, "x")));
    ASSERT_TRUE(portrait);
    EXPECT_EQ(portrait->width, 3000);
    EXPECT_EQ(portrait->height, 4000);
    QByteArray ihdr(13, '\0');
    qToBigEndian<quint32>(640, ihdr.data());
    qToBigEndian<quint32>(480, ihdr.data() + 4);
    QByteArray png = QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr);
    auto size = ImageMetadata::dimensions(png);
    ASSERT_TRUE(size);
    EXPECT_EQ(size->width, 640);
    EXPECT_EQ(size->height, 480);
    EXPECT_FALSE(ImageMetadata::dimensions("%PDF-1.7"));
    EXPECT_FALSE(ImageMetadata::dimensions(QByteArray("\xFF\xD8\xFF\xE0\0\x02", 6)));
}
