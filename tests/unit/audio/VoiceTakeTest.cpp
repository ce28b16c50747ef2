#include "audio/VoiceTake.h"

#include "AudioTestSupport.h"
#include "crypto/SealedFile.h"

#include <QCryptographicHash>
#include <csignal>
#include <gtest/gtest.h>
#include <sys/resource.h>

using imp::audio::VoiceTake;
using namespace imp::audio::test;

namespace {

// RLIMIT_FSIZE for one scope: a write past it fails (EFBIG), as when the disk fills.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &m_old);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
};

} // namespace

TEST(VoiceTakeTest, ARecordingFedInPiecesIsSealedOpusOfTheSameLength)
{
    SealedFolder folder;
    VoiceTake take;
    ASSERT_TRUE(take.begin(folder.writer("note")));
    const auto pcm = sine(2.5);
    // 10 ms and odd-sized pieces, as a device hands them over.
    for (size_t at = 0; at < pcm.size();) {
        const int n = int(std::min<size_t>(at % 3 ? 480 : 1234, pcm.size() - at));
        ASSERT_TRUE(take.push(pcm.data() + at, n));
        at += size_t(n);
    }
    auto recording = take.finish();
    ASSERT_TRUE(recording) << recording.error().code;
    EXPECT_EQ(recording->durationMs, 2500);
    EXPECT_EQ(folder.entries(), QStringList{"note"}) << "no .part and no plaintext left";

    auto plain = imp::crypto::SealedFile::readAll(folder.path("note"), folder.key, 1 << 20);
    ASSERT_TRUE(plain);
    EXPECT_EQ(recording->size, plain->size());
    EXPECT_EQ(recording->sha256, QCryptographicHash::hash(*plain, QCryptographicHash::Sha256));
    EXPECT_TRUE(plain->startsWith("OggS"));
    // ~24 kbit/s: 2.5 s is about 7.5 KB, never the 240 KB of the PCM.
    EXPECT_LT(recording->size, 20000);

    const auto back = folder.decode("note");
    EXPECT_NEAR(double(back.size()) / 48000, 2.5, 0.03);
    EXPECT_GT(peakOf(back, 4800), 8000) << "the tone survives the codec";
}

TEST(VoiceTakeTest, TheWaveformFollowsLoudAndQuietParts)
{
    SealedFolder folder;
    VoiceTake take;
    ASSERT_TRUE(take.begin(folder.writer("note")));
    const auto quiet = sine(1.0, 440, 0.01);
    const auto loud = sine(1.0, 440, 0.8);
    ASSERT_TRUE(take.push(quiet.data(), int(quiet.size())));
    ASSERT_TRUE(take.push(loud.data(), int(loud.size())));
    auto recording = take.finish();
    ASSERT_TRUE(recording);
    ASSERT_EQ(recording->waveform.size(), 100);
    const auto bar = [&](int i) {
        return int(quint8(recording->waveform[i]));
    };
    EXPECT_LT(bar(25), 60);
    EXPECT_GT(bar(75), 200);
}

TEST(VoiceTakeTest, AnAbortedTakeLeavesNothing)
{
    SealedFolder folder;
    {
        VoiceTake take;
        ASSERT_TRUE(take.begin(folder.writer("note")));
        const auto pcm = sine(30); // more than one sealed chunk reached the disk
        ASSERT_TRUE(take.push(pcm.data(), int(pcm.size())));
        take.abort();
        EXPECT_FALSE(take.finish());
    }
    EXPECT_TRUE(folder.entries().isEmpty()) << folder.entries().join(' ').toStdString();
    {
        VoiceTake dropped; // destroyed unfinished (the app closed mid-note)
        ASSERT_TRUE(dropped.begin(folder.writer("other")));
        const auto pcm = sine(1);
        ASSERT_TRUE(dropped.push(pcm.data(), int(pcm.size())));
    }
    EXPECT_TRUE(folder.entries().isEmpty()) << folder.entries().join(' ').toStdString();
}

TEST(VoiceTakeTest, NothingRecordedIsNotANote)
{
    SealedFolder folder;
    VoiceTake take;
    ASSERT_TRUE(take.begin(folder.writer("note")));
    auto recording = take.finish();
    ASSERT_FALSE(recording);
    EXPECT_EQ(recording.error().code, "media.empty");
    EXPECT_TRUE(folder.entries().isEmpty());
}

TEST(VoiceTakeTest, WithoutAFileThereIsNoTake)
{
    VoiceTake take;
    auto begun = take.begin(nullptr);
    ASSERT_FALSE(begun);
    EXPECT_EQ(begun.error().code, "media.write_failed");
    const auto pcm = sine(0.1);
    EXPECT_FALSE(take.push(pcm.data(), int(pcm.size())));
}

TEST(VoiceTakeTest, AFullDiskEndsTheTakeWithNothingHalfWritten)
{
    SealedFolder folder;
    ASSERT_TRUE(folder.seal("older", QByteArray(100000, 'k')));
    const auto older = imp::crypto::SealedFile::readAll(folder.path("older"), folder.key, 1 << 20);
    ASSERT_TRUE(older);
    VoiceTake take;
    ASSERT_TRUE(take.begin(folder.writer("note")));
    imp::Result<void> pushed;
    {
        FileSizeLimit limit(2048); // the header fits, the first sealed chunk does not
        // Noise: nothing to compress, so a sealed chunk fills within seconds.
        std::vector<int16_t> noise(48000 * 40);
        quint32 x = 12345;
        for (auto &s : noise) {
            x = x * 1664525u + 1013904223u;
            s = int16_t(x >> 16);
        }
        for (size_t at = 0; at < noise.size() && pushed; at += 4800)
            pushed = take.push(noise.data() + at, 4800);
    }
    ASSERT_FALSE(pushed);
    // EFBIG from the limit reads as a write failure (ENOSPC would be media.disk_full).
    EXPECT_EQ(pushed.error().code, "media.write_failed");
    EXPECT_FALSE(take.finish());
    EXPECT_EQ(folder.entries(), QStringList{"older"}) << "nothing half-written stays";
    auto still = imp::crypto::SealedFile::readAll(folder.path("older"), folder.key, 1 << 20);
    ASSERT_TRUE(still);
    EXPECT_EQ(*still, *older);
}
