#include "ProfileLock.h"

#include <QDir>
#include <QHash>
#include <QMutex>

namespace imp::chat {

namespace {
constexpr const char *LockFile = "profile.lock";

// The locks this process holds, by lock file path.
QMutex heldMutex;
QHash<QString, std::weak_ptr<ProfileLock>> &held()
{
    static QHash<QString, std::weak_ptr<ProfileLock>> locks;
    return locks;
}
} // namespace

ProfileLock::ProfileLock(const QString &path)
    : m_file(path)
{
    // Never stale by age: a profile can stay open for weeks. A dead owner is still detected.
    m_file.setStaleLockTime(0);
}

ProfileLock::~ProfileLock() = default;

Result<std::shared_ptr<ProfileLock>> ProfileLock::acquire(const QString &profileDir)
{
    const QString path = QDir(QDir(profileDir).absolutePath()).filePath(LockFile);
    QMutexLocker guard(&heldMutex);
    if (auto mine = held().value(path).lock())
        return mine;
    std::shared_ptr<ProfileLock> lock(new ProfileLock(path));
    if (lock->m_file.tryLock(0)) {
        held().insert(path, lock);
        return lock;
    }
    if (lock->m_file.error() == QLockFile::LockFailedError)
        return Error{"profile.in_use", holder(profileDir).toStdString()};
    return Error{"profile.lock_failed", "the profile lock file cannot be written"};
}

QString ProfileLock::holder(const QString &profileDir)
{
    QLockFile file(QDir(profileDir).filePath(LockFile));
    qint64 pid = 0;
    QString host;
    QString app;
    if (!file.getLockInfo(&pid, &host, &app))
        return {};
    return QString("%1, pid %2").arg(app.isEmpty() ? QStringLiteral("IMpTech") : app).arg(pid);
}

} // namespace imp::chat
