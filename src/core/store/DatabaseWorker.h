#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QFuture>
#include <QPromise>
#include <QString>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

namespace imp::store {

namespace detail {

template <class T> struct IsResult : std::false_type {};
template <class T> struct IsResult<Result<T>> : std::true_type {};

} // namespace detail

// The one thread that touches the database (DESIGN.md §2: the UI thread never waits on the
// disk). It owns the Database; work is sent to it as callables and answered with QFutures, in
// the order it was submitted. From the UI, use future.then(contextObject, ...) to get the
// result back on the UI thread.
class DatabaseWorker {
public:
    explicit DatabaseWorker(QString path);
    // Runs every task already submitted, then closes the database and joins the thread. This
    // is the one place that waits, and is meant for shutdown.
    ~DatabaseWorker();

    DatabaseWorker(const DatabaseWorker &) = delete;
    DatabaseWorker &operator=(const DatabaseWorker &) = delete;

    // Starts the thread, which opens the database and migrates it to the latest schema. The
    // future carries the open/migration error, if any. A second call fails with store.error.
    QFuture<Result<void>> start();

    // Queues f(Database &) to run on the worker thread. f must return a Result<T>, so a failed
    // open can be delivered as an error: if start() failed (or was never called before the
    // worker is destroyed), f is not run and its future holds that error instead. Tasks
    // submitted before start() run after the open, in order. An exception escaping f becomes a
    // store.error result rather than ending the process.
    template <class F> auto run(F &&f) -> QFuture<std::invoke_result_t<F, Database &>>
    {
        using R = std::invoke_result_t<F, Database &>;
        static_assert(detail::IsResult<R>::value,
                      "DatabaseWorker::run(f): f(Database &) must return an imp::Result<T>");
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        auto callable = std::make_shared<std::decay_t<F>>(std::forward<F>(f));
        post([promise, callable](Database *db, const Error *error) {
            if (db == nullptr) {
                promise->addResult(R(*error));
            } else {
                try {
                    promise->addResult(R(std::invoke(*callable, *db)));
                } catch (...) {
                    promise->addResult(
                        R(makeError("store.error", "database task threw an exception")));
                }
            }
            promise->finish();
        });
        return future;
    }

private:
    // A task gets the open database, or nullptr and the reason there is none.
    using Task = std::function<void(Database *db, const Error *error)>;

    void post(Task task);
    void loop(std::shared_ptr<QPromise<Result<void>>> started);

    const QString m_path;

    std::mutex m_mutex; // guards everything below up to m_thread
    std::condition_variable m_wake;
    std::deque<Task> m_queue;
    bool m_started = false;
    bool m_stopping = false;
    std::thread m_thread;

    // Only touched on the worker thread.
    Database m_db;
    std::optional<Error> m_openError;
};

} // namespace imp::store
