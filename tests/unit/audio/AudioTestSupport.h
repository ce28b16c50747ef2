#pragma once

#include "crypto/SealedFile.h"
#include "crypto/SecureRandom.h"
#include "media/OggOpusReader.h"

#include <QByteArray>
#include <QDir>
#include <QTemporaryDir>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <vector>

namespace imp::audio::test {

// 48 kHz mono sine, `amplitude` of full scale.
inline std::vector<int16_t> sine(double seconds, double hz = 440, double amplitude = 0.5)
{
    std::vector<int16_t> pcm(size_t(seconds * 48000));
    for (size_t i = 0; i < pcm.size(); ++i)
        pcm[i] =
            int16_t(amplitude * 32767 * std::sin(2 * std::numbers::pi * hz * double(i) / 48000));
    return pcm;
}

// A media folder with its own key, like the profile's.
struct SealedFolder {
    QTemporaryDir dir;
    QByteArray key = crypto::SecureRandom::bytes(32);

    QString path(const QString &name) const { return dir.filePath(name); }
    QStringList entries() const { return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden); }
    std::unique_ptr<crypto::SealedFileWriter> writer(const QString &name) const
    {
        auto w = std::make_unique<crypto::SealedFileWriter>();
        if (!w->open(path(name), key))
            return nullptr;
        return w;
    }
    std::unique_ptr<crypto::SealedFileReader> reader(const QString &name) const
    {
        auto r = std::make_unique<crypto::SealedFileReader>(path(name), key);
        if (!r->open(QIODevice::ReadOnly))
            return nullptr;
        return r;
    }
    bool seal(const QString &name, const QByteArray &plain) const
    {
        return crypto::SealedFile::writeAll(path(name), key, plain).ok();
    }
    // The sealed note decoded back to PCM (empty when it does not decode).
    std::vector<int16_t> decode(const QString &name) const
    {
        auto r = reader(name);
        if (!r)
            return {};
        auto pcm = media::OggOpusReader::decodeAll(r.get());
        return pcm ? pcm.value() : std::vector<int16_t>{};
    }
};

inline int peakOf(const std::vector<int16_t> &pcm, size_t from = 0)
{
    int peak = 0;
    for (size_t i = from; i < pcm.size(); ++i)
        peak = std::max(peak, std::abs(int(pcm[i])));
    return peak;
}

} // namespace imp::audio::test
