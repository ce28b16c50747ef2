#include "media/WavReader.h"

#include <QtEndian>
#include <cmath>
#include <cstring>

namespace imp::media {

namespace {

struct Format {
    int tag = 0; // 1 PCM, 3 float
    int channels = 0;
    int rate = 0;
    int bits = 0;
};

quint32 u32(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint32>(b.constData() + at);
}
quint16 u16(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint16>(b.constData() + at);
}

double sampleAt(const char *p, const Format &f)
{
    switch (f.bits) {
    case 8:
        return (uchar(p[0]) - 128) / 128.0;
    case 16:
        return qFromLittleEndian<qint16>(p) / 32768.0;
    case 24: {
        const qint32 v = qint32(uchar(p[0]) | (uchar(p[1]) << 8) | (qint32(qint8(p[2])) << 16));
        return v / 8388608.0;
    }
    case 32:
        if (f.tag == 3) {
            float v;
            const quint32 raw = qFromLittleEndian<quint32>(p);
            std::memcpy(&v, &raw, 4);
            return std::isfinite(v) ? std::clamp(double(v), -1.0, 1.0) : 0.0;
        }
        return qFromLittleEndian<qint32>(p) / 2147483648.0;
    }
    return 0;
}

Error bad(const char *why)
{
    return makeError("media.bad_wav", why);
}

} // namespace

Result<std::vector<int16_t>> WavReader::read(const QByteArray &bytes)
{
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return bad("not RIFF/WAVE");
    Format f;
    qsizetype dataAt = -1;
    qint64 dataSize = 0;
    for (qsizetype at = 12; at + 8 <= bytes.size();) {
        const QByteArray id = bytes.mid(at, 4);
        const qint64 size = u32(bytes, at + 4);
        const qsizetype body = at + 8;
        if (id == "fmt ") {
            if (size < 16 || body + 16 > bytes.size())
                return bad("short fmt");
            f.tag = u16(bytes, body);
            f.channels = u16(bytes, body + 2);
            f.rate = int(u32(bytes, body + 4));
            f.bits = u16(bytes, body + 14);
            if (f.tag == 0xfffe) { // WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
                if (size < 40 || body + 26 > bytes.size())
                    return bad("short extensible fmt");
                f.tag = u16(bytes, body + 24);
            }
        } else if (id == "data") {
            dataAt = body;
            dataSize = std::min<qint64>(size, bytes.size() - body); // a cut file: what is there
            break;
        }
        at = body + size + (size & 1);
    }
    if (dataAt < 0 || f.channels < 1 || f.channels > 16 || f.rate < 1000 || f.rate > 384000)
        return bad("no data or absurd format");
    if (!((f.tag == 1 && (f.bits == 8 || f.bits == 16 || f.bits == 24 || f.bits == 32)) ||
          (f.tag == 3 && f.bits == 32)))
        return bad("unsupported encoding");
    const int frameBytes = f.channels * f.bits / 8;
    const qint64 frames = dataSize / frameBytes;
    if (frames / f.rate > MaxSeconds)
        return makeError("media.too_long", "over the limit");
    std::vector<double> mono(static_cast<size_t>(frames));
    for (qint64 i = 0; i < frames; ++i) {
        double sum = 0;
        const char *p = bytes.constData() + dataAt + i * frameBytes;
        for (int c = 0; c < f.channels; ++c)
            sum += sampleAt(p + c * f.bits / 8, f);
        mono[size_t(i)] = sum / f.channels;
    }
    const qint64 outFrames = frames * Rate / f.rate;
    std::vector<int16_t> out(static_cast<size_t>(outFrames));
    for (qint64 j = 0; j < outFrames; ++j) {
        const double x = double(j) * f.rate / Rate;
        const auto i = qint64(x);
        const double t = x - double(i);
        const double a = mono[size_t(i)];
        const double b = i + 1 < frames ? mono[size_t(i + 1)] : a;
        out[size_t(j)] = int16_t(std::lround(std::clamp(a + (b - a) * t, -1.0, 1.0) * 32767.0));
    }
    return out;
}

} // namespace imp::media
