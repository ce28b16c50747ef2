#include "chat/ProfileLock.h"

#include <QTemporaryDir>
#include <csignal>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

using imp::chat::ProfileLock;

namespace {

// A second program on the profile: a forked child that takes the lock, says so on a pipe and
// waits to be killed.
pid_t holdInChild(const QString &dir)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        auto lock = ProfileLock::acquire(dir);
        const char ok = lock ? '1' : '0';
        (void)!write(fds[1], &ok, 1);
        pause();
        _exit(0);
    }
    close(fds[1]);
    char ok = 0;
    (void)!read(fds[0], &ok, 1);
    close(fds[0]);
    return ok == '1' ? pid : -1;
}

} // namespace

TEST(ProfileLockTest, ASecondProgramIsRefusedAndNamed)
{
    QTemporaryDir dir;
    const pid_t child = holdInChild(dir.path());
    ASSERT_GT(child, 0);
    auto second = ProfileLock::acquire(dir.path());
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, "profile.in_use");
    EXPECT_TRUE(ProfileLock::holder(dir.path()).contains(QString::number(child)));
    kill(child, SIGTERM);
    waitpid(child, nullptr, 0);
}

TEST(ProfileLockTest, ALockLeftByAKilledProgramIsTakenOver)
{
    QTemporaryDir dir;
    const pid_t child = holdInChild(dir.path());
    ASSERT_GT(child, 0);
    kill(child, SIGKILL); // no chance to unlock: the file stays behind
    waitpid(child, nullptr, 0);
    EXPECT_TRUE(QFile::exists(dir.filePath("profile.lock")));
    auto lock = ProfileLock::acquire(dir.path());
    EXPECT_TRUE(lock);
}

TEST(ProfileLockTest, OneProcessSharesItsLockAndReleasesItWithTheLastUser)
{
    QTemporaryDir dir;
    auto first = ProfileLock::acquire(dir.path());
    ASSERT_TRUE(first);
    auto again = ProfileLock::acquire(dir.path());
    ASSERT_TRUE(again);
    EXPECT_EQ(first->get(), again->get());
    first = imp::Error{"x", ""};
    EXPECT_TRUE(QFile::exists(dir.filePath("profile.lock")));
    again = imp::Error{"x", ""};
    EXPECT_FALSE(QFile::exists(dir.filePath("profile.lock")));
    // Free again: another program could take it now.
    const pid_t child = holdInChild(dir.path());
    EXPECT_GT(child, 0);
    if (child > 0) {
        kill(child, SIGTERM);
        waitpid(child, nullptr, 0);
    }
}
