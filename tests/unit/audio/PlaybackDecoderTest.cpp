#include "audio/PlaybackDecoder.h"

#include "AudioTestSupport.h"
#include "media/VoiceEncoder.h"

#include <QBuffer>
#include <gtest/gtest.h>

using imp::audio::PlaybackDecoder;
using imp::media::MediaSniffer;
using namespace imp::audio::test;

namespace {

imp::Result<PlaybackDecoder::Prepared> prepare(QByteArray bytes, qint64 max = 1 << 24)
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return PlaybackDecoder::prepare(buffer, max);
}

QByteArray wav(const std::vector<int16_t> &pcm)
{
    const quint32 data = quint32(pcm.size() * 2);
    QByteArray w;
    auto u32 = [&](quint32 v) {
        w.append(reinterpret_cast<const char *>(&v), 4);
    };
    auto u16 = [&](quint16 v) {
        w.append(reinterpret_cast<const char *>(&v), 2);
    };
    w += "RIFF";
    u32(36 + data);
    w += "WAVEfmt ";
    u32(16);
    u16(1);
    u16(1);
    u32(48000);
    u32(96000);
    u16(2);
    u16(16);
    w += "data";
    u32(data);
    w.append(reinterpret_cast<const char *>(pcm.data()), qsizetype(data));
    return w;
}

} // namespace

TEST(PlaybackDecoderTest, OurOpusIsDecodedHereToItsFullLength)
{
    auto encoded = imp::media::VoiceEncoder::encode(sine(1.5));
    ASSERT_TRUE(encoded);
    auto prepared = prepare(encoded->ogg);
    ASSERT_TRUE(prepared) << prepared.error().code;
    EXPECT_EQ(prepared->kind, MediaSniffer::Kind::OggOpus);
    EXPECT_FALSE(prepared->needsQtDecoder());
    EXPECT_NEAR(double(prepared->pcm.size()) / 2 / 48000, 1.5, 0.03);
}

TEST(PlaybackDecoderTest, TheBytesDecideNotTheName)
{
    // A WAV declared as anything is played as WAV; it is never handed on as an unknown blob.
    auto prepared = prepare(wav(sine(0.5)));
    ASSERT_TRUE(prepared);
    EXPECT_EQ(prepared->kind, MediaSniffer::Kind::Wav);
    EXPECT_EQ(prepared->pcm.size(), 48000);
}

TEST(PlaybackDecoderTest, Mp4AndMp3GoToQtMultimediaAsTheyAre)
{
    QByteArray m4a("\0\0\0\x20"
                   "ftypM4A \0\0\0\0M4A mp42isom",
                   32);
    m4a += QByteArray(200, '\x01');
    auto prepared = prepare(m4a);
    ASSERT_TRUE(prepared) << prepared.error().code;
    EXPECT_EQ(prepared->kind, MediaSniffer::Kind::Mp4);
    EXPECT_TRUE(prepared->needsQtDecoder());
    EXPECT_EQ(prepared->encoded, m4a);
}

TEST(PlaybackDecoderTest, WhatIsNotSoundIsRefused)
{
    for (const QByteArray &bytes :
         {QByteArray("<html><body>not audio</body></html>"),
          QByteArray("\x89PNG\r\n\x1a\n" + QByteArray(64, '\0')), QByteArray()}) {
        auto prepared = prepare(bytes);
        ASSERT_FALSE(prepared);
        EXPECT_EQ(prepared.error().code, "media.not_audio");
    }
}

TEST(PlaybackDecoderTest, ACutOrDamagedOggIsRefusedNotPlayedAsNoise)
{
    auto encoded = imp::media::VoiceEncoder::encode(sine(2));
    ASSERT_TRUE(encoded);
    EXPECT_FALSE(prepare(encoded->ogg.left(60))) << "only the first page";
    QByteArray damaged = encoded->ogg;
    for (qsizetype i = 200; i < damaged.size(); i += 97)
        damaged[i] = char(damaged[i] ^ 0x5a);
    auto prepared = prepare(damaged);
    if (prepared) // libopusfile skips pages whose CRC fails: what is left must be short
        EXPECT_LT(prepared->pcm.size(), 2 * 48000 * 2);
    else
        EXPECT_FALSE(prepared.error().code.empty());
}

TEST(PlaybackDecoderTest, AFileOverTheLimitIsNotRead)
{
    auto encoded = imp::media::VoiceEncoder::encode(sine(1));
    ASSERT_TRUE(encoded);
    auto prepared = prepare(encoded->ogg, encoded->ogg.size() - 1);
    ASSERT_FALSE(prepared);
    EXPECT_EQ(prepared.error().code, "media.too_large");
}
