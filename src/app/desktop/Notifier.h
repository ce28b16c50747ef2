#pragma once

#include <QObject>
#include <QString>

namespace imp::app {

// Shows and withdraws the app's notifications on one platform. One notification per key: a
// new show() with the same key replaces the one showing.
class Notifier : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    virtual void show(const QString &key, const QString &summary, const QString &body) = 0;
    virtual void withdraw(const QString &key) = 0;

signals:
    void activated(const QString &key); // the user clicked it
};

} // namespace imp::app
