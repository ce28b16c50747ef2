#include "SingleInstance.h"

#include "common/Log.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QThread>
#include <unistd.h>

namespace imp::app {

namespace {
constexpr const char *RaiseCommand = "raise\n";

QString rendezvousDir()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    return dir;
}
} // namespace

SingleInstance::SingleInstance(const QString &profileDir, QObject *parent)
    : QObject(parent)
{
    // The absolute path, so "./p" and "/home/u/p" are one profile; hashed, so the folder's name
    // (it may contain the user's name) is not spread around.
    const QByteArray path = QFileInfo(profileDir).absoluteFilePath().toUtf8();
    const QByteArray hash = QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex();
    m_name = QString("imptech-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash.left(24)));
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *peer = m_server.nextPendingConnection()) {
            connect(peer, &QLocalSocket::disconnected, peer, &QObject::deleteLater);
            connect(peer, &QLocalSocket::readyRead, this, [this, peer] {
                if (peer->readAll().startsWith(RaiseCommand)) {
                    IMP_LOG_INFO("single instance: a second launch asked for the window");
                    emit raiseRequested();
                }
                peer->disconnectFromServer();
            });
        }
    });
}

SingleInstance::~SingleInstance() = default;

SingleInstance::Role SingleInstance::start()
{
    m_lock = std::make_unique<QLockFile>(QDir(rendezvousDir()).filePath(m_name + ".lock"));
    m_lock->setStaleLockTime(0);
    // A few tries: the first instance may be between taking the lock and listening.
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (m_lock->tryLock(0)) {
            QLocalServer::removeServer(m_name); // a socket left by a crash
            if (!m_server.listen(m_name)) {
                IMP_LOG_WARN("single instance: cannot listen ({})",
                             m_server.errorString().toStdString());
                return Role::Failed;
            }
            return Role::Primary;
        }
        if (m_lock->error() != QLockFile::LockFailedError) {
            IMP_LOG_WARN("single instance: no rendezvous folder");
            return Role::Failed;
        }
        QLocalSocket socket;
        socket.connectToServer(m_name);
        if (socket.waitForConnected(500)) {
            socket.write(RaiseCommand);
            socket.waitForBytesWritten(500);
            socket.waitForDisconnected(500);
            return Role::AlreadyRunning;
        }
        QThread::msleep(100);
    }
    IMP_LOG_WARN("single instance: the running instance does not answer");
    return Role::Failed;
}

} // namespace imp::app
