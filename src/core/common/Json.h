#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace imp {

// The one way the code turns a JSON object into compact bytes and back. An unreadable or
// non-object document reads as an empty object: callers check the fields they need.
QByteArray toJsonBytes(const QJsonObject &object);
QJsonObject jsonObjectFrom(const QByteArray &bytes);

} // namespace imp
