#include "store/DatabaseWorker.h"

#include "common/Log.h"
#include "store/Migrations.h"

namespace imp::store {

DatabaseWorker::DatabaseWorker(QString path)
    : m_path(std::move(path))
{}

DatabaseWorker::~DatabaseWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
        return;
    }
    // Never started: nobody will open the database, so answer the waiting futures with an
    // error instead of leaving them pending forever.
    const Error notStarted = makeError("store.error", "database worker was never started");
    std::deque<Task> pending;
    {
        std::lock_guard lock(m_mutex);
        pending.swap(m_queue);
    }
    for (Task &task : pending)
        task(nullptr, &notStarted);
}

QFuture<Result<void>> DatabaseWorker::start()
{
    auto promise = std::make_shared<QPromise<Result<void>>>();
    QFuture<Result<void>> future = promise->future();
    promise->start();
    {
        std::lock_guard lock(m_mutex);
        if (m_started || m_stopping) {
            promise->addResult(makeError("store.error", "database worker already started"));
            promise->finish();
            return future;
        }
        m_started = true;
        m_thread = std::thread(&DatabaseWorker::loop, this, promise);
    }
    return future;
}

void DatabaseWorker::post(Task task)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_queue.push_back(std::move(task));
            m_wake.notify_one();
            return;
        }
    }
    const Error stopped = makeError("store.error", "database worker is shutting down");
    task(nullptr, &stopped);
}

void DatabaseWorker::loop(std::shared_ptr<QPromise<Result<void>>> started)
{
    Result<void> opened;
    if (auto db = Database::open(m_path); !db) {
        opened = db.error();
    } else {
        m_db = std::move(db).value();
        opened = Migrations::migrate(m_db);
        if (!opened)
            m_db = Database(); // an unmigrated (or too new) database must not be used
    }
    if (!opened) {
        IMP_LOG_ERROR("store: database unavailable: {} ({})", opened.error().code,
                      opened.error().detail);
        m_openError = opened.error();
    }
    started->addResult(opened);
    started->finish();
    started.reset();

    for (;;) {
        Task task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
            if (m_queue.empty())
                break; // stopping, and everything submitted has run
            task = std::move(m_queue.front());
            m_queue.pop_front();
        }
        if (m_db.isOpen())
            task(&m_db, nullptr);
        else
            task(nullptr, &*m_openError);
    }
    // Close on the thread that used the connection; SQLite checkpoints the WAL on last close.
    m_db = Database();
}

} // namespace imp::store
