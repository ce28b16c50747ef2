#pragma once

#include <QByteArrayView>
#include <QString>

namespace imp {

// UTF-8 to QString code point for code point. Qt 6.4's QString::fromUtf8 (and what builds on
// it: QJsonDocument, QCoreApplication::arguments) drops a leading U+FEFF as a byte-order mark;
// in a message body it is text and must survive. Invalid sequences become U+FFFD.
QString fromUtf8Exact(QByteArrayView bytes);

} // namespace imp
