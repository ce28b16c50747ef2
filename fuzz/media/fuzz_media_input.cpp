// Bytes from outside into the media code: the sniffer, the WAV reader (imptech-cli input) and
// the Ogg/Opus reader (a peer's voice note, after download). None may crash, hang or read out
// of bounds, whatever the bytes.
#include "media/MediaSniffer.h"
#include "media/OggOpusReader.h"
#include "media/WavReader.h"

#include <QBuffer>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)imp::media::MediaSniffer::sniff(bytes);
    (void)imp::media::WavReader::read(bytes);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    (void)imp::media::OggOpusReader::decodeAll(&buffer, 30);
    return 0;
}
