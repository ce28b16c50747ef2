#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QVariantList>

namespace imp::app {

// Find-in-text for the document viewer: every match offset, case-insensitive, so the viewer can
// step through them and show "3 / 12".
class DocumentSearch : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;
    Q_INVOKABLE static QVariantList findAll(const QString &text, const QString &needle);
};

} // namespace imp::app
