#include "crypto/QtKeychainBackend.h"

#include "common/Log.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMetaObject>
#include <QObject>
#include <QThread>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <qt6keychain/keychain.h>
#include <utility>

namespace imp::crypto {
namespace {

enum class Operation { Read, Write, Remove };

const char *nameOf(Operation operation)
{
    switch (operation) {
    case Operation::Read:
        return "read";
    case Operation::Write:
        return "write";
    case Operation::Remove:
        return "remove";
    }
    return "?";
}

struct Reply {
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data;
};

// Shared by the waiting caller and the keychain thread, so whichever side finishes last (a
// caller that timed out, or a job that answers late) still touches live memory.
struct Pending {
    std::mutex mutex;
    std::condition_variable answered;
    bool done = false;
    Reply reply;
};

// QtKeychain queues jobs in a global JobExecutor that is not thread-safe and talks to jobs
// through auto-connections, so it must share one thread with every job it runs. That thread is
// this one: started on first use, never restarted (the executor would stay bound to the dead
// thread and every later job would stall), and stopped when QCoreApplication is destroyed.
// Qt's glib event dispatcher gives the thread its own GMainContext, where libsecret's
// callbacks land.
QThread *g_thread = nullptr;
std::atomic<bool> g_stopped{false};

// Post routine of QCoreApplication: a keychain job that answers while the process tears down
// its globals could crash at exit, or start the next queued job and make D-Bus launch a
// keychain daemon just to be abandoned. Once the thread's loop has stopped, late answers are
// never dispatched.
void stopKeychainThread()
{
    g_stopped = true;
    g_thread->quit();
    // Bounded, so a keychain stuck inside a synchronous call cannot hang application exit.
    if (!g_thread->wait(QDeadlineTimer(2000)))
        IMP_LOG_WARN("keychain thread still busy at exit");
}

QObject *keychainThreadContext()
{
    static QObject *const context = [] {
        g_thread = new QThread;
        g_thread->setObjectName(QStringLiteral("imp-keychain"));
        g_thread->start();
        auto *object = new QObject;
        object->moveToThread(g_thread);
        qAddPostRoutine(&stopKeychainThread);
        return object;
    }();
    return context;
}

// Runs on the keychain thread.
void startJob(Operation operation, const QString &service, const QString &key,
              const QByteArray &secret, const std::shared_ptr<Pending> &pending)
{
    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(service);
        write->setBinaryData(secret);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    // Auto-delete is safe here because job, executor and this code share one thread: the job
    // is deleted after the executor has seen it finish, even when the caller gave up waiting.
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(
        job, &QKeychain::Job::finished, job, [operation, pending](QKeychain::Job *finished) {
            Reply reply;
            reply.error = finished->error();
            reply.errorString = finished->errorString();
            if (operation == Operation::Read && reply.error == QKeychain::NoError)
                reply.data = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
            {
                std::lock_guard lock(pending->mutex);
                pending->reply = std::move(reply);
                pending->done = true;
            }
            pending->answered.notify_all();
        });
    job->start();
}

Result<Reply> run(Operation operation, const QString &service, const QString &key,
                  const QByteArray &secret, std::chrono::milliseconds timeout)
{
    // Qt refuses to run a thread's event loop before QCoreApplication exists, so the job would
    // never start; say so at once instead of waiting out the timeout.
    if (!QCoreApplication::instance()) {
        IMP_LOG_ERROR("keychain used without a QCoreApplication");
        return makeError("keychain.unavailable", "QtKeychainBackend needs a QCoreApplication");
    }
    if (g_stopped)
        return makeError("keychain.unavailable",
                         "the keychain thread stopped with the application");

    auto pending = std::make_shared<Pending>();
    QMetaObject::invokeMethod(
        keychainThreadContext(),
        [operation, service, key, secret, pending] {
            startJob(operation, service, key, secret, pending);
        },
        Qt::QueuedConnection);

    // A plain wait rather than a nested event loop: the caller needs no event dispatcher and
    // nothing else (timers, UI input) runs re-entrantly while it waits.
    std::unique_lock lock(pending->mutex);
    if (!pending->answered.wait_for(lock, timeout, [&] { return pending->done; })) {
        const std::string detail = std::string("keychain ") + nameOf(operation) +
                                   " got no answer within " + std::to_string(timeout.count()) +
                                   " ms";
        IMP_LOG_WARN("{}", detail);
        return makeError("keychain.timeout", detail);
    }
    return pending->reply;
}

Error toError(Operation operation, const Reply &reply)
{
    const std::string detail = std::string("keychain ") + nameOf(operation) + " failed (" +
                               std::to_string(static_cast<int>(reply.error)) +
                               "): " + reply.errorString.toStdString();
    if (reply.error == QKeychain::EntryNotFound)
        return makeError("keychain.not_found", detail);
    IMP_LOG_WARN("{}", detail);
    return makeError("keychain.unavailable", detail);
}

} // namespace

QtKeychainBackend::QtKeychainBackend(QString service, std::chrono::milliseconds timeout)
    : m_service(std::move(service))
    , m_timeout(timeout)
{}

Result<QByteArray> QtKeychainBackend::read(const QString &key)
{
    Result<Reply> reply = run(Operation::Read, m_service, key, {}, m_timeout);
    if (!reply)
        return reply.error();
    if (reply->error != QKeychain::NoError)
        return toError(Operation::Read, *reply);
    return std::move(reply->data);
}

Result<void> QtKeychainBackend::write(const QString &key, const QByteArray &secret)
{
    Result<Reply> reply = run(Operation::Write, m_service, key, secret, m_timeout);
    if (!reply)
        return reply.error();
    if (reply->error != QKeychain::NoError)
        return toError(Operation::Write, *reply);
    return {};
}

Result<void> QtKeychainBackend::remove(const QString &key)
{
    Result<Reply> reply = run(Operation::Remove, m_service, key, {}, m_timeout);
    if (!reply)
        return reply.error();
    // Removing what is already gone is what the caller wanted.
    if (reply->error == QKeychain::EntryNotFound)
        return {};
    if (reply->error != QKeychain::NoError)
        return toError(Operation::Remove, *reply);
    return {};
}

} // namespace imp::crypto
