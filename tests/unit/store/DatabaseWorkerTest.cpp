#include "store/DatabaseWorker.h"

#include "StoreTestSupport.h"
#include "store/ConsentRepository.h"
#include "store/Migrations.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QThread>
#include <atomic>
#include <gtest/gtest.h>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

using imp::Result;
using imp::store::ConsentRepository;
using imp::store::ConsentRow;
using imp::store::Database;
using imp::store::DatabaseWorker;
using imp::store::Migrations;

namespace {

class DatabaseWorkerTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    QString path() const { return m_dir.filePath(QStringLiteral("worker.db")); }

    QTemporaryDir m_dir;
};

struct Ran {
    int index;
    std::thread::id thread;
};

TEST_F(DatabaseWorkerTest, RunsTasksInOrderOnOneOtherThread)
{
    DatabaseWorker worker(path());
    auto started = worker.start();
    std::vector<QFuture<Result<Ran>>> futures;
    for (int i = 0; i < 50; ++i) {
        futures.push_back(worker.run([i](Database &db) -> Result<Ran> {
            auto insert =
                db.prepare(QStringLiteral("INSERT INTO consent_records VALUES (?, ?, ?)"));
            if (!insert)
                return insert.error();
            (void)insert->bind(1, qint64{i});
            (void)insert->bind(2, QByteArray("s"));
            (void)insert->bind(3, QByteArray("c"));
            if (auto done = insert->step(); !done)
                return done.error();
            return Ran{i, std::this_thread::get_id()};
        }));
    }
    IMP_ASSERT_OK(started.result());

    std::thread::id workerThread;
    for (int i = 0; i < 50; ++i) {
        const Result<Ran> ran = futures[static_cast<std::size_t>(i)].result();
        ASSERT_TRUE(ran.ok()) << ran.error();
        EXPECT_EQ(ran->index, i);
        if (i == 0)
            workerThread = ran->thread;
        EXPECT_EQ(ran->thread, workerThread) << "one writer thread";
    }
    EXPECT_NE(workerThread, std::this_thread::get_id()) << "never the caller's thread";

    // Order of execution is order of submission: rowids follow the seq values.
    auto order = worker.run([](Database &db) -> Result<QString> {
        auto stmt = db.prepare(
            QStringLiteral("SELECT group_concat(seq, ',') FROM (SELECT seq FROM consent_records "
                           "ORDER BY rowid)"));
        if (!stmt)
            return stmt.error();
        if (auto row = stmt->step(); !row)
            return row.error();
        return stmt->columnText(0);
    });
    QStringList expected;
    for (int i = 0; i < 50; ++i)
        expected << QString::number(i);
    const Result<QString> seen = order.result();
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(*seen, expected.join(QLatin1Char(',')));
}

TEST_F(DatabaseWorkerTest, TasksSubmittedBeforeStartSeeAMigratedDatabase)
{
    DatabaseWorker worker(path());
    auto version = worker.run([](Database &db) -> Result<int> { return db.userVersion(); });
    IMP_ASSERT_OK(worker.start().result());
    const Result<int> seen = version.result();
    ASSERT_TRUE(seen.ok()) << seen.error();
    EXPECT_EQ(*seen, Migrations::latestVersion());
}

TEST_F(DatabaseWorkerTest, OpenFailureIsDeliveredToEveryTask)
{
    // A directory cannot be opened as a database.
    DatabaseWorker worker(m_dir.path());
    std::atomic<bool> taskRan = false;
    auto early = worker.run([&taskRan](Database &) -> Result<void> {
        taskRan = true;
        return {};
    });
    const Result<void> opened = worker.start().result();
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "store.error");

    auto late = worker.run([&taskRan](Database &) -> Result<int> {
        taskRan = true;
        return 1;
    });
    const Result<void> earlyResult = early.result();
    const Result<int> lateResult = late.result();
    ASSERT_FALSE(earlyResult.ok());
    ASSERT_FALSE(lateResult.ok());
    EXPECT_EQ(earlyResult.error().code, opened.error().code);
    EXPECT_EQ(lateResult.error().detail, opened.error().detail);
    EXPECT_FALSE(taskRan) << "no task runs without a database";
}

TEST_F(DatabaseWorkerTest, MissingFolderIsAnErrorNotACrash)
{
    DatabaseWorker worker(m_dir.filePath(QStringLiteral("missing/sub/dir/worker.db")));
    const Result<void> opened = worker.start().result();
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "store.error");
}

TEST_F(DatabaseWorkerTest, DatabaseFromNewerAppIsNotUsed)
{
    {
        auto db = Database::open(path());
        ASSERT_TRUE(db.ok());
        IMP_ASSERT_OK(db->exec(
            QStringLiteral("PRAGMA user_version = %1").arg(Migrations::latestVersion() + 1)));
    }
    DatabaseWorker worker(path());
    const Result<void> opened = worker.start().result();
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "store.too_new");
    const Result<int> task = worker.run([](Database &) -> Result<int> { return 1; }).result();
    ASSERT_FALSE(task.ok());
    EXPECT_EQ(task.error().code, "store.too_new");
}

TEST_F(DatabaseWorkerTest, DestructorRunsEveryQueuedTaskBeforeClosing)
{
    std::vector<QFuture<Result<void>>> futures;
    {
        DatabaseWorker worker(path());
        (void)worker.start();
        for (qint64 seq = 1; seq <= 200; ++seq) {
            futures.push_back(worker.run([seq](Database &db) {
                return ConsentRepository(db).append(ConsentRow{seq, "sealed", "chain"});
            }));
        }
    } // joins here
    for (auto &future : futures) {
        ASSERT_TRUE(future.isFinished());
        IMP_ASSERT_OK(future.result());
    }
    auto db = Database::open(path());
    ASSERT_TRUE(db.ok());
    auto rows = ConsentRepository(*db).all();
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), 200u);
}

TEST_F(DatabaseWorkerTest, ThrowingTaskBecomesAnErrorAndTheWorkerGoesOn)
{
    DatabaseWorker worker(path());
    IMP_ASSERT_OK(worker.start().result());
    auto thrown = worker.run([](Database &) -> Result<int> { throw std::runtime_error("x"); });
    auto after = worker.run([](Database &) -> Result<int> { return 7; });
    const Result<int> thrownResult = thrown.result();
    ASSERT_FALSE(thrownResult.ok());
    EXPECT_EQ(thrownResult.error().code, "store.error");
    const Result<int> afterResult = after.result();
    ASSERT_TRUE(afterResult.ok());
    EXPECT_EQ(*afterResult, 7);
}

TEST_F(DatabaseWorkerTest, NeverStartedWorkerAnswersWithAnError)
{
    QFuture<Result<int>> pending;
    {
        DatabaseWorker worker(path());
        pending = worker.run([](Database &) -> Result<int> { return 1; });
    }
    ASSERT_TRUE(pending.isFinished());
    const Result<int> result = pending.result();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "store.error");
}

TEST_F(DatabaseWorkerTest, SecondStartIsRefused)
{
    DatabaseWorker worker(path());
    IMP_ASSERT_OK(worker.start().result());
    EXPECT_FALSE(worker.start().result().ok());
}

// How the UI uses it: the continuation runs on the context object's (UI) thread.
TEST_F(DatabaseWorkerTest, ContinuationRunsOnTheContextThread)
{
    QCoreApplication *app = QCoreApplication::instance();
    ASSERT_NE(app, nullptr);
    DatabaseWorker worker(path());
    (void)worker.start();
    QThread *deliveredOn = nullptr;
    int value = 0;
    worker.run([](Database &db) -> Result<int> { return db.userVersion(); })
        .then(app, [&](const Result<int> &result) {
            deliveredOn = QThread::currentThread();
            value = result.ok() ? *result : -1;
        });
    QDeadlineTimer deadline(10000);
    while (deliveredOn == nullptr && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    EXPECT_EQ(deliveredOn, app->thread());
    EXPECT_EQ(value, Migrations::latestVersion());
}

// One QCoreApplication for the whole test binary, as in the app. It must outlive every test:
// once a QCoreApplication has been destroyed, Qt 6.4's QFuture::result() on an unfinished
// future dereferences the (gone) global thread pool and crashes.
class CoreApplicationEnvironment : public ::testing::Environment {
public:
    void SetUp() override
    {
        if (QCoreApplication::instance() == nullptr)
            m_app = std::make_unique<QCoreApplication>(m_argc, m_argv);
    }
    void TearDown() override { m_app.reset(); }

private:
    int m_argc = 1;
    char m_name[11] = "test_store";
    char *m_argv[2] = {m_name, nullptr};
    std::unique_ptr<QCoreApplication> m_app;
};

[[maybe_unused]] ::testing::Environment *const g_coreApplication =
    ::testing::AddGlobalTestEnvironment(new CoreApplicationEnvironment);

} // namespace
