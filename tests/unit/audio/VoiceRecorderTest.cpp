#include "audio/VoiceRecorder.h"

#include "AudioTestSupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <gtest/gtest.h>
#include <optional>

using imp::audio::VoiceRecorder;
using namespace imp::audio::test;

// These run with a virtual microphone that hears a 440 Hz tone (virtual_audio.py --tone) or, in
// VoicePlayerTest, what the player plays.

namespace {

struct Outcome {
    std::optional<imp::Result<VoiceRecorder::Recording>> result;
    bool done() const { return result.has_value(); }
};

VoiceRecorder::OpenWriter writerIn(const SealedFolder &folder, const QString &name)
{
    return [&folder, name]() -> imp::Result<std::unique_ptr<imp::crypto::SealedFileWriter>> {
        auto w = folder.writer(name);
        if (!w)
            return imp::makeError("media.write_failed", "open");
        return w;
    };
}

bool startInto(VoiceRecorder &recorder, const SealedFolder &folder, Outcome &outcome)
{
    auto started = recorder.start(writerIn(folder, "note"),
                                  [&outcome](auto result) { outcome.result = std::move(result); });
    EXPECT_TRUE(started) << (started ? "" : started.error().code);
    return started.ok();
}

void recordFor(VoiceRecorder &recorder, qint64 ms)
{
    // Captured time, not wall time: the device may start late.
    ASSERT_TRUE(QTest::qWaitFor([&] { return recorder.elapsedMs() >= ms; }, int(ms) + 5000));
}

} // namespace

TEST(VoiceRecorderTest, HoldingRecordsTheMicrophoneIntoASealedNote)
{
    SealedFolder folder;
    VoiceRecorder recorder;
    Outcome outcome;
    QSignalSpy level(&recorder, &VoiceRecorder::levelChanged);
    ASSERT_TRUE(startInto(recorder, folder, outcome));
    EXPECT_TRUE(recorder.recording());
    recordFor(recorder, 1600);
    EXPECT_GT(level.count(), 5) << "the meter moves while recording";
    EXPECT_GT(recorder.level(), 0.1) << "the tone is heard";
    recorder.stop();
    EXPECT_FALSE(recorder.recording());
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.done(); }, 5000));
    ASSERT_TRUE(*outcome.result) << outcome.result->error().code;
    const auto &note = outcome.result->value();
    EXPECT_GE(note.durationMs, 1600);
    EXPECT_LT(note.durationMs, 3000);
    EXPECT_EQ(note.waveform.size(), 100);
    EXPECT_EQ(folder.entries(), QStringList{"note"});

    const auto pcm = folder.decode("note");
    EXPECT_NEAR(double(pcm.size()) * 1000 / 48000, double(note.durationMs), 30);
    EXPECT_GT(peakOf(pcm, pcm.size() / 2), 3000) << "a real signal, not the silence of no device";
}

TEST(VoiceRecorderTest, ReleasingWithinASecondIsTooShortAndKeepsNothing)
{
    SealedFolder folder;
    VoiceRecorder recorder;
    Outcome outcome;
    ASSERT_TRUE(startInto(recorder, folder, outcome));
    recordFor(recorder, 300);
    recorder.stop();
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.done(); }, 5000));
    ASSERT_FALSE(*outcome.result);
    EXPECT_EQ(outcome.result->error().code, "audio.too_short");
    QTest::qWait(200); // the I/O thread drops the file
    EXPECT_TRUE(folder.entries().isEmpty()) << folder.entries().join(' ').toStdString();
}

TEST(VoiceRecorderTest, SlidingUpCancelsAndKeepsNothing)
{
    SealedFolder folder;
    VoiceRecorder recorder;
    Outcome outcome;
    ASSERT_TRUE(startInto(recorder, folder, outcome));
    recordFor(recorder, 1500);
    recorder.cancel();
    ASSERT_TRUE(outcome.done()) << "cancel answers at once";
    EXPECT_EQ(outcome.result->error().code, "audio.cancelled");
    QTest::qWait(200);
    EXPECT_TRUE(folder.entries().isEmpty()) << folder.entries().join(' ').toStdString();
    // And the next press records again.
    Outcome again;
    ASSERT_TRUE(startInto(recorder, folder, again));
    recordFor(recorder, 1100);
    recorder.stop();
    ASSERT_TRUE(QTest::qWaitFor([&] { return again.done(); }, 5000));
    EXPECT_TRUE(*again.result);
}

TEST(VoiceRecorderTest, TheLimitStopsAndKeepsTheNoteWithACountdownBefore)
{
    SealedFolder folder;
    VoiceRecorder::Limits limits;
    limits.maxMs = 2000;
    limits.countdownFromMs = 1000;
    VoiceRecorder recorder(limits);
    Outcome outcome;
    QSignalSpy limit(&recorder, &VoiceRecorder::limitReached);
    ASSERT_TRUE(startInto(recorder, folder, outcome));
    EXPECT_EQ(recorder.secondsLeft(), 0);
    recordFor(recorder, 1100);
    EXPECT_GE(recorder.secondsLeft(), 1);
    EXPECT_LE(recorder.secondsLeft(), 1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return outcome.done(); }, 6000)) << "stops by itself";
    EXPECT_EQ(limit.count(), 1);
    ASSERT_TRUE(*outcome.result) << outcome.result->error().code;
    EXPECT_EQ(outcome.result->value().durationMs, 2000) << "cut at the limit exactly";
    EXPECT_NEAR(double(folder.decode("note").size()) / 48, 2000, 30);
}

TEST(VoiceRecorderTest, OnlyOneNoteAtATime)
{
    SealedFolder folder;
    VoiceRecorder recorder;
    Outcome outcome;
    ASSERT_TRUE(startInto(recorder, folder, outcome));
    auto second = recorder.start(writerIn(folder, "second"), [](auto) {});
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, "audio.busy");
    recorder.cancel();
}

TEST(VoiceRecorderTest, AFileThatCannotBeWrittenEndsTheNoteWithAReason)
{
    VoiceRecorder recorder;
    std::optional<imp::Result<VoiceRecorder::Recording>> result;
    auto started = recorder.start(
        []() -> imp::Result<std::unique_ptr<imp::crypto::SealedFileWriter>> {
            return imp::makeError("media.disk_full", "no space");
        },
        [&](auto r) { result = std::move(r); });
    ASSERT_TRUE(started);
    ASSERT_TRUE(QTest::qWaitFor([&] { return result.has_value(); }, 5000));
    ASSERT_FALSE(*result);
    EXPECT_EQ(result->error().code, "media.disk_full");
    EXPECT_FALSE(recorder.recording()) << "the microphone is released";
}

TEST(VoiceRecorderNoDeviceTest, WithoutAMicrophoneNothingStartsAndItSaysWhy)
{
    SealedFolder folder;
    VoiceRecorder recorder;
    bool called = false;
    auto started = recorder.start(writerIn(folder, "note"), [&](auto) { called = true; });
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().code, "audio.no_microphone");
    EXPECT_FALSE(recorder.recording());
    EXPECT_FALSE(called);
    EXPECT_TRUE(folder.entries().isEmpty());
}
