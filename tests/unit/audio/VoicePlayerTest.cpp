#include "audio/VoicePlayer.h"

#include "AudioTestSupport.h"
#include "audio/VoiceRecorder.h"
#include "media/VoiceEncoder.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <gtest/gtest.h>

using imp::audio::VoicePlayer;
using imp::audio::VoiceRecorder;
using namespace imp::audio::test;

namespace {

VoicePlayer::OpenSource sealedSource(const SealedFolder &folder, const QString &name)
{
    return [&folder, name]() -> imp::Result<std::unique_ptr<QIODevice>> {
        auto r = folder.reader(name);
        if (!r)
            return imp::makeError("media.missing", "open");
        return std::unique_ptr<QIODevice>(std::move(r));
    };
}

bool sealNote(const SealedFolder &folder, const QString &name, double seconds, double hz = 440)
{
    auto encoded = imp::media::VoiceEncoder::encode(sine(seconds, hz, 0.6));
    return encoded && folder.seal(name, encoded->ogg);
}

} // namespace

TEST(VoicePlayerTest, ASealedNotePlaysToTheEndAndTheSpeakerHearsIt)
{
    SealedFolder folder;
    ASSERT_TRUE(sealNote(folder, "note", 1.5));
    // The virtual microphone hears the null sink: record while the note plays.
    VoiceRecorder microphone;
    std::optional<imp::Result<VoiceRecorder::Recording>> heard;
    ASSERT_TRUE(microphone.start(
        [&]() -> imp::Result<std::unique_ptr<imp::crypto::SealedFileWriter>> {
            return folder.writer("heard");
        },
        [&](auto r) { heard = std::move(r); }));

    VoicePlayer player;
    QSignalSpy finished(&player, &VoicePlayer::finished);
    QSignalSpy failed(&player, &VoicePlayer::failed);
    player.play("m1", sealedSource(folder, "note"));
    EXPECT_EQ(player.current(), "m1");
    EXPECT_TRUE(player.playing()) << "the button shows pause while it loads";
    ASSERT_TRUE(QTest::qWaitFor([&] { return player.durationMs() > 0; }, 5000));
    EXPECT_NEAR(double(player.durationMs()), 1500, 30);
    ASSERT_TRUE(QTest::qWaitFor([&] { return player.positionMs() > 300; }, 5000))
        << "progress moves";
    EXPECT_LT(player.positionMs(), 1500);
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 1; }, 8000));
    EXPECT_EQ(finished.at(0).at(0).toString(), "m1");
    EXPECT_EQ(failed.count(), 0);
    EXPECT_TRUE(player.current().isEmpty());
    EXPECT_EQ(player.bytesPlayed(), 1500 * 96) << "every sample went to the output";

    microphone.stop();
    ASSERT_TRUE(QTest::qWaitFor([&] { return heard.has_value(); }, 5000));
    ASSERT_TRUE(*heard) << heard->error().code;
    EXPECT_GT(peakOf(folder.decode("heard")), 3000) << "the sink received the samples";
}

TEST(VoicePlayerTest, PauseHoldsThePlaceAndResumeGoesOn)
{
    SealedFolder folder;
    ASSERT_TRUE(sealNote(folder, "note", 2));
    VoicePlayer player;
    QSignalSpy finished(&player, &VoicePlayer::finished);
    player.play("m1", sealedSource(folder, "note"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return player.positionMs() > 400; }, 5000));
    player.pause();
    EXPECT_FALSE(player.playing());
    QTest::qWait(300);
    const qint64 held = player.positionMs();
    QTest::qWait(600);
    EXPECT_LE(player.positionMs() - held, 60) << "no progress while paused";
    EXPECT_EQ(player.current(), "m1");
    player.resume();
    EXPECT_TRUE(player.playing());
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 1; }, 8000));
}

TEST(VoicePlayerTest, PlayingAnotherNoteStopsTheFirst)
{
    SealedFolder folder;
    ASSERT_TRUE(sealNote(folder, "a", 3));
    ASSERT_TRUE(sealNote(folder, "b", 1.2));
    VoicePlayer player;
    QSignalSpy finished(&player, &VoicePlayer::finished);
    player.play("a", sealedSource(folder, "a"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return player.positionMs() > 200; }, 5000));
    player.play("b", sealedSource(folder, "b"));
    EXPECT_EQ(player.current(), "b");
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() >= 1; }, 8000));
    EXPECT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.at(0).at(0).toString(), "b") << "a was stopped, not finished";
}

TEST(VoicePlayerTest, AnAacNoteFromAnotherClientPlaysThroughQtMultimedia)
{
    // What Conversations sends: AAC in an .m4a (made here by GStreamer, as a peer would).
    SealedFolder folder;
    const QString m4a = folder.path("peer.m4a");
    const int rc = QProcess::execute(
        "gst-launch-1.0", {"-q", "audiotestsrc", "num-buffers=94", "samplesperbuffer=1024",
                           "freq=600", "!", "audio/x-raw,rate=48000,channels=1", "!", "avenc_aac",
                           "!", "mp4mux", "!", "filesink", "location=" + m4a});
    ASSERT_EQ(rc, 0) << "gst-launch-1.0 with avenc_aac (gstreamer1.0-libav)";
    QFile file(m4a);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    ASSERT_TRUE(folder.seal("note", file.readAll()));
    file.remove();

    VoicePlayer player;
    QSignalSpy finished(&player, &VoicePlayer::finished);
    QSignalSpy failed(&player, &VoicePlayer::failed);
    player.play("m4a", sealedSource(folder, "note"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 10000));
    ASSERT_EQ(failed.count(), 0) << failed.at(0).at(1).toString().toStdString();
    // 94 x 1024 samples at 48 kHz: 2.0 s (AAC adds a frame or two of priming).
    EXPECT_NEAR(double(player.bytesPlayed()) / 96, 2005, 80);
}

TEST(VoicePlayerTest, WhatIsNotAudioFailsWithAReason)
{
    SealedFolder folder;
    ASSERT_TRUE(folder.seal("html", "<html>a hostile peer's page</html>"));
    ASSERT_TRUE(folder.seal("m4a", QByteArray("\0\0\0\x20"
                                              "ftypM4A ",
                                              12) +
                                       QByteArray(500, 'x')));
    VoicePlayer player;
    QSignalSpy failed(&player, &VoicePlayer::failed);
    player.play("html", sealedSource(folder, "html"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return failed.count() == 1; }, 5000));
    EXPECT_EQ(failed.at(0).at(1).toString(), "media.not_audio");
    player.play("m4a", sealedSource(folder, "m4a")); // right magic, garbage inside
    ASSERT_TRUE(QTest::qWaitFor([&] { return failed.count() == 2; }, 10000));
    EXPECT_EQ(failed.at(1).at(0).toString(), "m4a");
    player.play("gone", sealedSource(folder, "missing"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return failed.count() == 3; }, 5000));
    EXPECT_EQ(failed.at(2).at(1).toString(), "media.missing");
    EXPECT_FALSE(player.playing());
}

TEST(VoicePlayerNoDeviceTest, WithoutASpeakerItSaysSo)
{
    SealedFolder folder;
    ASSERT_TRUE(sealNote(folder, "note", 1));
    VoicePlayer player;
    QSignalSpy failed(&player, &VoicePlayer::failed);
    player.play("m1", sealedSource(folder, "note"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return failed.count() == 1; }, 5000));
    EXPECT_EQ(failed.at(0).at(1).toString(), "audio.no_speaker");
}
