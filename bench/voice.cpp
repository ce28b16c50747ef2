// Voice figures for bench/voice.py, which runs the peer (GStreamer) side by side:
//   bench_voice encode IN.wav OUTDIR  -> encode_ms, bytes, audio_ms (VoiceTake: encode + seal)
//   bench_voice play NOTE.ogg         -> rss_kib before and while playing (VoicePlayer, sealed)
// One JSON line each; assert nothing.
#include "BenchSupport.h"
#include "audio/VoicePlayer.h"
#include "audio/VoiceTake.h"
#include "crypto/SealedFile.h"
#include "crypto/SealedFileReader.h"
#include "crypto/SealedFileWriter.h"
#include "crypto/SecureRandom.h"
#include "media/WavReader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <cstdio>

using namespace imp;

namespace {

int encode(const QString &wavPath, const QString &outDir)
{
    QFile in(wavPath);
    if (!in.open(QIODevice::ReadOnly))
        return 2;
    auto pcm = media::WavReader::read(in.readAll());
    if (!pcm)
        return 2;
    const QByteArray key = crypto::SecureRandom::bytes(32);
    const QString out = outDir + QStringLiteral("/note.imm");
    QElapsedTimer timer;
    timer.start();
    auto writer = std::make_unique<crypto::SealedFileWriter>();
    if (!writer->open(out, key))
        return 3;
    audio::VoiceTake take;
    if (!take.begin(std::move(writer)))
        return 3;
    // 100 ms at a time, as the recorder hands PCM over.
    for (size_t at = 0; at < pcm->size(); at += 4800) {
        const int n = int(std::min<size_t>(4800, pcm->size() - at));
        if (!take.push(pcm->data() + at, n))
            return 3;
    }
    auto note = take.finish();
    if (!note)
        return 3;
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    std::printf("{\"encode_ms\": %.2f, \"bytes\": %lld, \"audio_ms\": %lld}\n", ms,
                static_cast<long long>(note->size), static_cast<long long>(note->durationMs));
    return 0;
}

int play(const QString &oggPath, int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QFile in(oggPath);
    if (!in.open(QIODevice::ReadOnly))
        return 2;
    const QByteArray key = crypto::SecureRandom::bytes(32);
    const QString sealed = oggPath + QStringLiteral(".imm");
    if (!crypto::SealedFile::writeAll(sealed, key, in.readAll()))
        return 3;
    const long before = bench::rssKiB();
    long peak = before;
    audio::VoicePlayer player;
    QTimer sample;
    QObject::connect(&sample, &QTimer::timeout, [&] { peak = std::max(peak, bench::rssKiB()); });
    sample.start(100);
    int rc = 0;
    QObject::connect(&player, &audio::VoicePlayer::finished, &app, [&] { app.quit(); });
    QObject::connect(&player, &audio::VoicePlayer::failed, &app,
                     [&](const QString &, const QString &code) {
                         std::fprintf(stderr, "play failed: %s\n", qPrintable(code));
                         rc = 4;
                         app.quit();
                     });
    QElapsedTimer timer;
    timer.start();
    qint64 startedMs = -1;
    QObject::connect(&player, &audio::VoicePlayer::positionChanged, [&] {
        if (startedMs < 0 && player.durationMs() > 0)
            startedMs = timer.elapsed(); // decoded and handed to the output
    });
    player.play(QStringLiteral("bench"), [sealed, key]() -> Result<std::unique_ptr<QIODevice>> {
        auto reader = std::make_unique<crypto::SealedFileReader>(sealed, key);
        if (!reader->open(QIODevice::ReadOnly))
            return makeError("media.missing");
        return std::unique_ptr<QIODevice>(std::move(reader));
    });
    app.exec();
    QFile::remove(sealed);
    std::printf("{\"rss_before_kib\": %ld, \"rss_peak_kib\": %ld, \"tap_to_sound_ms\": %lld}\n",
                before, peak, static_cast<long long>(startedMs));
    return rc;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 4 && QByteArray(argv[1]) == "encode")
        return encode(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    if (argc >= 3 && QByteArray(argv[1]) == "play")
        return play(QString::fromLocal8Bit(argv[2]), argc, argv);
    std::fprintf(stderr, "usage: bench_voice encode IN.wav OUTDIR | play NOTE.ogg\n");
    return 1;
}
