#pragma once

#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <memory>

namespace imp::app {

// One app per profile: a second launch on the same profile folder asks the running one to come
// to the front and exits, instead of opening the same database and XMPP resource twice. The
// rendezvous (a lock file and a local socket) lives in the user's runtime folder, named after a
// hash of the profile path, so nothing is written to the profile folder (nor before consent).
class SingleInstance : public QObject {
    Q_OBJECT

public:
    enum class Role { Primary, AlreadyRunning, Failed };

    explicit SingleInstance(const QString &profileDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Primary: this process owns the profile and listens for later launches. AlreadyRunning:
    // the running one was asked to raise its window (this process should exit). Failed: no
    // rendezvous could be made (a read-only runtime folder); the app runs anyway, and the
    // profile lock still keeps a second program off the data.
    Role start();
    QString name() const { return m_name; }

signals:
    void raiseRequested();

private:
    QString m_name;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer m_server;
};

} // namespace imp::app
