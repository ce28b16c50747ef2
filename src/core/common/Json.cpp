#include "common/Json.h"

#include <QJsonDocument>

namespace imp {

QByteArray toJsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject jsonObjectFrom(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

} // namespace imp
