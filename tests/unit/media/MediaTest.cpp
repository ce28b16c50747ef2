#include "media/MediaSniffer.h"
#include "media/OggOpusReader.h"
#include "media/VoiceEncoder.h"
#include "media/WavReader.h"
#include "media/Waveform.h"

#include <QBuffer>
#include <QtEndian>
#include <cmath>
#include <gtest/gtest.h>

using namespace imp::media;

namespace {

std::vector<int16_t> tone(double seconds, double hz = 440, double amplitude = 0.5, int rate = 48000)
{
    std::vector<int16_t> pcm(size_t(seconds * rate));
    for (size_t i = 0; i < pcm.size(); ++i)
        pcm[i] = int16_t(amplitude * 32767 * std::sin(2 * M_PI * hz * double(i) / rate));
    return pcm;
}

// A WAV file as a recorder or sox writes it.
QByteArray wav(const std::vector<int16_t> &samples, int rate, int channels)
{
    QByteArray data;
    for (int16_t s : samples)
        for (int c = 0; c < channels; ++c) {
            char le[2];
            qToLittleEndian(s, le);
            data.append(le, 2);
        }
    QByteArray out = "RIFF";
    auto u32 = [&](quint32 v) {
        char le[4];
        qToLittleEndian(v, le);
        out.append(le, 4);
    };
    auto u16 = [&](quint16 v) {
        char le[2];
        qToLittleEndian(v, le);
        out.append(le, 2);
    };
    u32(quint32(36 + data.size()));
    out += "WAVEfmt ";
    u32(16);
    u16(1);
    u16(quint16(channels));
    u32(quint32(rate));
    u32(quint32(rate * channels * 2));
    u16(quint16(channels * 2));
    u16(16);
    out += "data";
    u32(quint32(data.size()));
    return out + data;
}

int zeroCrossings(const std::vector<int16_t> &pcm, size_t from, size_t to)
{
    int n = 0;
    for (size_t i = from + 1; i < to && i < pcm.size(); ++i)
        n += (pcm[i - 1] < 0) != (pcm[i] < 0);
    return n;
}

} // namespace

TEST(VoiceEncoderTest, AToneComesBackAsLongAndAsHighAtAVoiceBitrate)
{
    const auto encoded = VoiceEncoder::encode(tone(3.0));
    ASSERT_TRUE(encoded) << encoded.error().code;
    EXPECT_EQ(MediaSniffer::sniff(encoded->ogg), MediaSniffer::Kind::OggOpus);
    EXPECT_EQ(encoded->durationMs, 3000);
    EXPECT_EQ(encoded->waveform.size(), Waveform::DefaultBars);
    const double bytesPerSecond = encoded->ogg.size() / 3.0;
    EXPECT_GT(bytesPerSecond, 1500);
    EXPECT_LT(bytesPerSecond, 5000);

    QByteArray ogg = encoded->ogg;
    QBuffer buffer(&ogg);
    ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
    OggOpusReader reader;
    ASSERT_TRUE(reader.open(&buffer));
    EXPECT_NEAR(reader.durationMs(), 3000, 30);
    buffer.seek(0);
    auto pcm = OggOpusReader::decodeAll(&buffer);
    ASSERT_TRUE(pcm);
    // One second in the middle crosses zero twice per period: 880 times for 440 Hz.
    EXPECT_NEAR(zeroCrossings(*pcm, 48000, 96000), 880, 20);
}

TEST(VoiceEncoderTest, PcmPushedInOddPiecesMakesAValidStream)
{
    const auto pcm = tone(1.3, 300);
    QByteArray ogg;
    VoiceEncoder encoder;
    ASSERT_TRUE(encoder.start([&](const QByteArray &b) {
        ogg += b;
        return true;
    }));
    for (size_t at = 0; at < pcm.size(); at += 333)
        ASSERT_TRUE(encoder.write(pcm.data() + at, int(std::min<size_t>(333, pcm.size() - at))));
    ASSERT_TRUE(encoder.finish());
    QBuffer buffer(&ogg);
    buffer.open(QIODevice::ReadOnly);
    OggOpusReader reader;
    ASSERT_TRUE(reader.open(&buffer));
    EXPECT_NEAR(reader.durationMs(), 1300, 30);
}

TEST(VoiceEncoderTest, AFailingSinkStopsTheRecordingWithAWriteError)
{
    VoiceEncoder encoder;
    ASSERT_TRUE(encoder.start([](const QByteArray &) { return false; }));
    const auto pcm = tone(2.0);
    imp::Result<void> result = encoder.write(pcm.data(), int(pcm.size()));
    if (result)
        result = encoder.finish();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, "media.write_failed");
}

// A record tap released at once, or a header-only WAV given to send-voice: refused, and the
// process lives (libopusenc 0.2.1 aborts when drained before any audio).
TEST(VoiceEncoderTest, ARecordingWithNoAudioIsRefusedNotACrash)
{
    VoiceEncoder encoder;
    ASSERT_TRUE(encoder.start([](const QByteArray &) { return true; }));
    const auto finished = encoder.finish();
    ASSERT_FALSE(finished);
    EXPECT_EQ(finished.error().code, "media.empty");
    const auto encoded = VoiceEncoder::encode({});
    ASSERT_FALSE(encoded);
    EXPECT_EQ(encoded.error().code, "media.empty");
}

TEST(OggOpusReaderTest, GarbageTruncatedAndEmptyInputIsRefusedCleanly)
{
    const auto encoded = VoiceEncoder::encode(tone(2.0));
    ASSERT_TRUE(encoded);
    for (QByteArray bytes : {QByteArray(), QByteArray("OggS"), QByteArray(4000, '\x5a'),
                             encoded->ogg.left(60), QByteArray("OggS") + QByteArray(200, '\0')}) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        OggOpusReader reader;
        EXPECT_FALSE(reader.open(&buffer)) << bytes.size();
    }
    // Cut in the middle: what is there plays, or it is refused; never a crash or a hang.
    QByteArray cut = encoded->ogg.left(encoded->ogg.size() / 2);
    QBuffer buffer(&cut);
    buffer.open(QIODevice::ReadOnly);
    auto pcm = OggOpusReader::decodeAll(&buffer);
    if (pcm) {
        EXPECT_LT(pcm->size(), size_t(2 * 48000));
    }
}

TEST(WavReaderTest, StereoAt22kIsMixedDownAndResampledTo48k)
{
    const auto pcm = tone(1.0, 440, 0.5, 22050);
    const auto read = WavReader::read(wav(pcm, 22050, 2));
    ASSERT_TRUE(read) << read.error().code;
    EXPECT_EQ(read->size(), 48000u);
    EXPECT_NEAR(zeroCrossings(*read, 0, 48000), 880, 10);
}

TEST(WavReaderTest, BrokenOrAbsurdWavsAreRefused)
{
    QByteArray good = wav(tone(0.1), 48000, 1);
    EXPECT_TRUE(WavReader::read(good));
    EXPECT_FALSE(WavReader::read(QByteArray()));
    EXPECT_FALSE(WavReader::read(good.left(30)));
    QByteArray zeroChannels = good;
    zeroChannels[22] = 0;
    EXPECT_FALSE(WavReader::read(zeroChannels));
    QByteArray adpcm = good;
    adpcm[20] = 2;
    EXPECT_FALSE(WavReader::read(adpcm));
    // A data chunk that claims 4 GiB reads only what the file holds.
    QByteArray lying = good;
    qToLittleEndian<quint32>(0xffffffffu, lying.data() + 40);
    const auto read = WavReader::read(lying);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->size(), 4800u);
}

TEST(WaveformTest, SilenceIsFlatAndSpeechIsNot)
{
    std::vector<int16_t> silence(48000, 0);
    EXPECT_EQ(Waveform::peaks(silence), QByteArray(100, '\0'));
    auto loud = tone(1.0, 200, 0.9);
    const QByteArray peaks = Waveform::peaks(loud);
    for (char p : peaks)
        EXPECT_GT(uchar(p), 200);
    EXPECT_TRUE(Waveform::peaks(nullptr, 0).isEmpty());
}

TEST(MediaSnifferTest, TheBytesDecideNotTheName)
{
    EXPECT_EQ(MediaSniffer::sniff(QByteArray("\x00\x00\x00\x20"
                                             "ftypM4A ",
                                             12)),
              MediaSniffer::Kind::Mp4);
    EXPECT_EQ(MediaSniffer::sniff(QByteArray("\x00\x00\x00\x18"
                                             "ftypheic",
                                             12)),
              MediaSniffer::Kind::Heic);
    EXPECT_EQ(MediaSniffer::sniff("\x89PNG\r\n\x1a\n\x00\x00"), MediaSniffer::Kind::Png);
    EXPECT_EQ(MediaSniffer::sniff("\xff\xd8\xff\xe0"), MediaSniffer::Kind::Jpeg);
    EXPECT_EQ(MediaSniffer::sniff("%PDF-1.7"), MediaSniffer::Kind::Pdf);
    EXPECT_EQ(MediaSniffer::sniff("hello"), MediaSniffer::Kind::Unknown);
    EXPECT_EQ(MediaSniffer::sniff(""), MediaSniffer::Kind::Unknown);
    EXPECT_TRUE(MediaSniffer::isAudio(MediaSniffer::Kind::Mp4));
    EXPECT_FALSE(MediaSniffer::isAudio(MediaSniffer::Kind::Png));
}
