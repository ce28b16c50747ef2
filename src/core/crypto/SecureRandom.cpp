#include "crypto/SecureRandom.h"

#include <QUuid>
#include <QtGlobal>
#include <openssl/rand.h>

namespace imp::crypto {

QByteArray SecureRandom::bytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray out(count, Qt::Uninitialized);
    // A failing RNG means the OS cannot give entropy; continuing would mint predictable keys.
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        qFatal("imp::crypto: the system random number generator failed");
    return out;
}

QString SecureRandom::uuid()
{
    QByteArray raw = bytes(16);
    // RFC 4122 section 4.4: set the version (4) and variant (10xx) bits.
    raw[6] = static_cast<char>((static_cast<quint8>(raw[6]) & 0x0f) | 0x40);
    raw[8] = static_cast<char>((static_cast<quint8>(raw[8]) & 0x3f) | 0x80);
    return QUuid::fromRfc4122(raw).toString(QUuid::WithoutBraces);
}

} // namespace imp::crypto
