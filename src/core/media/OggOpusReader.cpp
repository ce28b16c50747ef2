#include "media/OggOpusReader.h"

#include <QIODevice>
#include <opus/opusfile.h>

namespace imp::media {

namespace {

int readCb(void *stream, unsigned char *ptr, int nbytes)
{
    const qint64 n = static_cast<QIODevice *>(stream)->read(reinterpret_cast<char *>(ptr), nbytes);
    return n < 0 ? -1 : int(n);
}

int seekCb(void *stream, opus_int64 offset, int whence)
{
    auto *d = static_cast<QIODevice *>(stream);
    qint64 to = offset;
    if (whence == SEEK_CUR)
        to += d->pos();
    else if (whence == SEEK_END)
        to += d->size();
    return to >= 0 && d->seek(to) ? 0 : -1;
}

opus_int64 tellCb(void *stream)
{
    return static_cast<QIODevice *>(stream)->pos();
}

const OpusFileCallbacks Callbacks{&readCb, &seekCb, &tellCb, nullptr};

} // namespace

OggOpusReader::~OggOpusReader()
{
    if (m_file)
        op_free(m_file);
}

Result<void> OggOpusReader::open(QIODevice *device)
{
    if (!device || !device->isOpen() || device->size() < 47)
        return makeError("media.not_opus", "too short");
    device->seek(0);
    int error = 0;
    m_file = op_open_callbacks(device, &Callbacks, nullptr, 0, &error);
    if (!m_file)
        return makeError(error == OP_ENOTFORMAT ? "media.not_opus" : "media.corrupt",
                         "op_open_callbacks");
    const OpusHead *head = op_head(m_file, -1);
    // A forged granule position can claim years of audio; no voice note is a day long.
    constexpr ogg_int64_t MaxSamples = ogg_int64_t(24) * 3600 * 48000;
    const ogg_int64_t total = op_pcm_total(m_file, -1);
    if (!head || head->channel_count < 1 || head->channel_count > 8 || total < 0 ||
        total > MaxSamples)
        return makeError("media.corrupt", "headers");
    return {};
}

qint64 OggOpusReader::durationMs() const
{
    const ogg_int64_t total = m_file ? op_pcm_total(m_file, -1) : 0;
    return total > 0 ? total * 1000 / 48000 : 0;
}

Result<int> OggOpusReader::readMono(int16_t *out, int maxSamples)
{
    if (!m_file)
        return makeError("media.corrupt", "not open");
    // op_read_stereo downmixes any channel layout; mono from it is the mean of the pair.
    std::vector<opus_int16> stereo(size_t(maxSamples) * 2);
    for (;;) {
        const int n = op_read_stereo(m_file, stereo.data(), maxSamples * 2);
        if (n == OP_HOLE)
            continue; // a gap in the stream: skip it, as players do
        if (n < 0)
            return makeError("media.corrupt", "op_read_stereo");
        for (int i = 0; i < n; ++i)
            out[i] = int16_t((int(stereo[size_t(2 * i)]) + int(stereo[size_t(2 * i + 1)])) / 2);
        return n;
    }
}

Result<void> OggOpusReader::seekMs(qint64 ms)
{
    if (!m_file || op_pcm_seek(m_file, ms * 48) != 0)
        return makeError("media.corrupt", "seek");
    return {};
}

Result<std::vector<int16_t>> OggOpusReader::decodeAll(QIODevice *device, int maxSeconds)
{
    OggOpusReader reader;
    if (auto opened = reader.open(device); !opened)
        return opened.error();
    std::vector<int16_t> pcm;
    std::vector<int16_t> block(5760);
    const size_t limit = size_t(maxSeconds) * 48000;
    for (;;) {
        auto n = reader.readMono(block.data(), int(block.size()));
        if (!n)
            return n.error();
        if (n.value() == 0)
            break;
        pcm.insert(pcm.end(), block.begin(), block.begin() + n.value());
        if (pcm.size() > limit)
            return makeError("media.too_long", "over the limit");
    }
    return pcm;
}

} // namespace imp::media
