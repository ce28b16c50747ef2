#include "common/Utf8.h"

#include <QStringDecoder>

namespace imp {

QString fromUtf8Exact(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(bytes);
}

} // namespace imp
