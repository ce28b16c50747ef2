#pragma once

#include "common/Result.h"

#include <QLockFile>
#include <QString>
#include <memory>

namespace imp::chat {

// One process per profile folder. Two processes on one profile share one database and one XMPP
// resource, and the server ends one of them with <conflict/>: the app and imptech-cli both take
// this lock when they open a profile, and a second one is refused with `profile.in_use`. A lock
// left by a process that died (kill -9, power cut) is taken over: QLockFile checks that its
// owner's pid is still running as the same program. Within one process, opening a profile that
// is already open shares the lock (the process is the unit: a restart in a test, or an old
// object still finishing its writes, is not a second program).
class ProfileLock {
public:
    // Fails with `profile.in_use`, whose detail names the holder ("imptech-cli, pid 4242"):
    // the callers show it as it is, so nobody reads the lock file again on the UI thread.
    static Result<std::shared_ptr<ProfileLock>> acquire(const QString &profileDir);

    // The owner of a lock held by someone else: "imptech-cli, pid 4242", or empty.
    static QString holder(const QString &profileDir);

    ~ProfileLock();
    ProfileLock(const ProfileLock &) = delete;
    ProfileLock &operator=(const ProfileLock &) = delete;

private:
    explicit ProfileLock(const QString &path);
    QLockFile m_file;
};

} // namespace imp::chat
