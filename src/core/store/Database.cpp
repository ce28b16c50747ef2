#include "store/Database.h"

#include "common/Log.h"
#include "store/SqliteError.h"

#include <QFile>
#include <QFileInfo>
#include <QtGlobal>
#include <sqlite3.h>
#include <string>
#include <utility>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace imp::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kNewPageSize = 8192;
constexpr int kCacheKiB = 4 * 1024;
constexpr int kSpillPages = 2048;         // 16 MiB of 8 KiB pages (8 MiB of older 4 KiB ones)
constexpr int kWalCheckpointPages = 2000; // the same

bool isMemoryPath(const QString &path)
{
    return path == QLatin1String(":memory:");
}

#if defined(Q_OS_UNIX)
// fsync() on the folder makes the new directory entry itself durable, so a power cut right
// after the first commit cannot lose the whole file.
void syncParentDirectory(const QByteArray &nativePath)
{
    const QByteArray dir =
        QFile::encodeName(QFileInfo(QFile::decodeName(nativePath)).absolutePath());
    const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
#endif

// Creates the file owner-only before SQLite opens it (SQLite would create it with 0644 minus
// umask). Changing the process umask instead would race with other threads creating files.
Result<void> ensureOwnerOnlyFile(const QString &path)
{
#if defined(Q_OS_UNIX)
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                          S_IRUSR | S_IWUSR);
    if (fd >= 0) {
        // The umask may have removed owner bits; set exactly 0600.
        const bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
        ::fsync(fd);
        ::close(fd);
        syncParentDirectory(native);
        if (!ok)
            return makeError("store.error", std::string("chmod failed: ") + std::strerror(errno));
        return {};
    }
    if (errno != EEXIST) {
        // No path in the detail: it contains the user's home folder name.
        return makeError("store.error",
                         std::string("cannot create database file: ") + std::strerror(errno));
    }
    // An existing regular file that others can read (made by an older build, or copied in) is
    // tightened; anything else (a directory, a symlink) is left for SQLite to refuse.
    struct stat st {};
    if (::lstat(native.constData(), &st) == 0 && S_ISREG(st.st_mode) &&
        (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        if (::chmod(native.constData(), S_IRUSR | S_IWUSR) != 0)
            IMP_LOG_WARN("store: cannot restrict database file permissions: {}",
                         std::strerror(errno));
    }
    return {};
#else
    if (QFileInfo::exists(path))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError("store.error",
                         "cannot create database file: " + file.errorString().toStdString());
    return {};
#endif
}

} // namespace

Database::~Database()
{
    close();
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_savepointDepth(std::exchange(other.m_savepointDepth, 0))
{}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_savepointDepth = std::exchange(other.m_savepointDepth, 0);
    }
    return *this;
}

void Database::close()
{
    if (m_db != nullptr) {
        // close_v2 defers the close until any Statement still alive is finalized.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    m_savepointDepth = 0;
}

Result<Database> Database::open(const QString &path)
{
    const bool inMemory = isMemoryPath(path);
    if (path.isEmpty())
        return makeError("store.error", "empty database path");
    if (!inMemory) {
        if (auto created = ensureOwnerOnlyFile(path); !created)
            return created.error();
    }

    sqlite3 *raw = nullptr;
    const QByteArray utf8 = path.toUtf8();
    const int rc = sqlite3_open_v2(utf8.constData(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                       SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                                   nullptr);
    // Even on failure SQLite usually hands back a handle (for the message); the Database owns
    // it from here so it is always closed.
    Database db(raw);
    if (rc != SQLITE_OK) {
        Error error = sqliteError(rc, raw, "open");
        IMP_LOG_WARN("store: {}", error.detail);
        return error;
    }
    sqlite3_extended_result_codes(raw, 1);
    if (auto configured = db.configure(inMemory); !configured) {
        IMP_LOG_WARN("store: {}", configured.error().detail);
        return configured.error();
    }
    return db;
}

Result<void> Database::configure(bool inMemory)
{
    // The busy timeout comes first so that switching to WAL waits for another connection
    // instead of failing at once.
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    // Defensive mode stops SQL from corrupting the file on purpose (writable_schema etc.).
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);

    // 8 KiB pages for a new database (an existing one keeps its size: WAL mode cannot change
    // it): every page goes to the WAL as its own frame, two writes each, and a 1,000-message
    // batch of a 100k chat writes 500-odd 4 KiB pages; at 8 KiB it is half as many frames for
    // about the same bytes (measured: ~12% faster ingest).
    if (auto sized = exec(QStringLiteral("PRAGMA page_size=%1").arg(kNewPageSize)); !sized)
        return sized;
    // journal_mode answers with the mode actually in effect; anything but WAL (other than for
    // an in-memory database) means the durability promise does not hold, so opening fails.
    auto mode = prepare(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!mode)
        return mode.error();
    auto row = mode->step();
    if (!row)
        return row.error();
    const QString actual = *row ? mode->columnText(0).toLower() : QString();
    if (actual != QLatin1String("wal") && !(inMemory && actual == QLatin1String("memory")))
        return makeError("store.error",
                         "journal_mode=WAL not accepted, got " + actual.toStdString());
    mode = Statement();

    // synchronous=FULL: in WAL mode, NORMAL may lose the last commits on power loss; FULL
    // syncs the WAL at every commit.
    // fullfsync matters on macOS only, where plain fsync() does not reach the platter; it is a
    // no-op elsewhere.
    // A batch of messages dirties pages all over the id-key indexes (MessageIdIndex.h): 2 MiB
    // for 1,000 messages of a 100k chat. With SQLite's defaults (a 2 MiB cache that spills dirty
    // pages to the WAL as soon as it is full) such a batch wrote pages to the WAL before its
    // commit and again at it, and read them back in between. So: a 4 MiB cache (a limit, not an
    // allocation: small databases never fill it), and dirty pages spill only beyond kSpillPages
    // (so a transaction as large as a migration still cannot take all the memory).
    // Checkpointing every kWalCheckpointPages instead of every 1,000 pages copies a page that
    // several commits dirtied once, and syncs the database file less often; the WAL file then
    // grows to ~16 MiB (truncated by checkpoint() and when the last connection closes).
    return exec(QStringLiteral("PRAGMA synchronous=FULL;"
                               "PRAGMA fullfsync=ON;"
                               "PRAGMA foreign_keys=ON;"
                               "PRAGMA secure_delete=ON;"
                               "PRAGMA cache_size=-%1;"
                               "PRAGMA cache_spill=%2;"
                               "PRAGMA wal_autocheckpoint=%3;")
                    .arg(kCacheKiB)
                    .arg(kSpillPages)
                    .arg(kWalCheckpointPages));
}

Result<void> Database::exec(const QString &sql)
{
    if (m_db == nullptr)
        return makeError("store.error", "database is not open");
    const QByteArray utf8 = sql.toUtf8();
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, utf8.constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    // sqlite3_exec's own message is the precise one; sqliteError() falls back to errmsg.
    std::string context = "exec";
    if (message != nullptr) {
        context += " (";
        context += message;
        context += ")";
        sqlite3_free(message);
    }
    return sqliteError(rc, m_db, context, utf8.toStdString());
}

Result<Statement> Database::prepare(const QString &sql)
{
    if (m_db == nullptr)
        return makeError("store.error", "database is not open");
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    const int rc =
        sqlite3_prepare_v2(m_db, utf8.constData(), static_cast<int>(utf8.size() + 1), &stmt, &tail);
    Statement statement(stmt, m_db);
    if (rc != SQLITE_OK)
        return sqliteError(rc, m_db, "prepare", utf8.toStdString());
    if (stmt == nullptr)
        return makeError("store.error", "prepare: no statement in: " + utf8.toStdString());
    // Anything but whitespace after the first statement would be silently dropped by SQLite.
    if (tail != nullptr && !QByteArray(tail).trimmed().isEmpty())
        return makeError("store.error",
                         "prepare: more than one statement in: " + utf8.toStdString());
    return statement;
}

int Database::userVersion()
{
    auto stmt = prepare(QStringLiteral("PRAGMA user_version"));
    if (!stmt)
        return -1;
    auto row = stmt->step();
    if (!row || !*row)
        return -1;
    return static_cast<int>(stmt->columnInt64(0));
}

qint64 Database::lastInsertRowId()
{
    return m_db != nullptr ? sqlite3_last_insert_rowid(m_db) : 0;
}

int Database::changes()
{
    return m_db != nullptr ? sqlite3_changes(m_db) : 0;
}

Result<void> Database::checkpoint()
{
    if (m_db == nullptr)
        return makeError("store.error", "database is not open");
    const int rc =
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(rc, m_db, "wal_checkpoint(TRUNCATE)");
    return {};
}

Result<int> Database::beginTransaction()
{
    if (m_db == nullptr)
        return makeError("store.error", "database is not open");
    // Already inside a transaction (ours or one begun with exec("BEGIN")): nest a SAVEPOINT.
    if (sqlite3_get_autocommit(m_db) == 0) {
        const int savepoint = m_savepointDepth + 1;
        auto saved = exec(QStringLiteral("SAVEPOINT imp_tx_%1").arg(savepoint));
        if (!saved)
            return saved.error();
        m_savepointDepth = savepoint;
        return savepoint;
    }
    // IMMEDIATE takes the write lock up front, so a transaction cannot fail half-way with
    // SQLITE_BUSY when it first writes (the busy timeout applies here instead).
    m_savepointDepth = 0;
    if (auto begun = exec(QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return begun.error();
    return 0;
}

Result<void> Database::commitTransaction(int savepoint)
{
    // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) make SQLite roll the whole transaction back
    // by itself; committing then would wrongly report success for work that is gone.
    if (m_db == nullptr || sqlite3_get_autocommit(m_db) != 0) {
        m_savepointDepth = 0;
        return makeError("store.error", "transaction was already rolled back");
    }
    if (savepoint > 0) {
        m_savepointDepth = savepoint - 1;
        return exec(QStringLiteral("RELEASE imp_tx_%1").arg(savepoint));
    }
    if (auto committed = exec(QStringLiteral("COMMIT")); !committed) {
        // A failed COMMIT can leave the transaction open; close it so the connection stays
        // usable and nothing half-done is kept.
        if (sqlite3_get_autocommit(m_db) == 0)
            (void)exec(QStringLiteral("ROLLBACK"));
        return committed;
    }
    return {};
}

void Database::rollbackTransaction(int savepoint)
{
    if (m_db == nullptr || sqlite3_get_autocommit(m_db) != 0) {
        m_savepointDepth = 0; // SQLite already rolled everything back
        return;
    }
    if (savepoint > 0) {
        m_savepointDepth = savepoint - 1;
        const QString name = QStringLiteral("imp_tx_%1").arg(savepoint);
        (void)exec(QStringLiteral("ROLLBACK TO ") + name + QStringLiteral("; RELEASE ") + name);
    } else {
        (void)exec(QStringLiteral("ROLLBACK"));
    }
}

} // namespace imp::store
