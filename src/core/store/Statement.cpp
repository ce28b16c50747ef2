#include "store/Statement.h"

#include "store/SqliteError.h"

#include <cstdint>
#include <sqlite3.h>
#include <string>
#include <utility>

namespace imp::store {
namespace {

// SQLITE_TRANSIENT makes SQLite copy the value: the caller's QByteArray/QString may go away
// before step(). Spelled out here because the macro is an old-style cast.
const sqlite3_destructor_type kTransient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

std::string_view sqlOf(sqlite3_stmt *stmt)
{
    // sqlite3_sql() is the text as prepared, with '?' placeholders: never the bound values
    // (unlike sqlite3_expanded_sql(), which must not be used for diagnostics here).
    const char *sql = stmt != nullptr ? sqlite3_sql(stmt) : nullptr;
    return sql != nullptr ? std::string_view(sql) : std::string_view();
}

} // namespace

Statement::~Statement()
{
    finalize();
}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_db(std::exchange(other.m_db, nullptr))
{}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        finalize();
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

void Statement::finalize()
{
    if (m_stmt != nullptr) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

Result<void> Statement::checkBind(int rc, int index)
{
    if (rc == SQLITE_OK)
        return {};
    return sqliteError(rc, m_db, "bind parameter " + std::to_string(index), sqlOf(m_stmt));
}

Result<void> Statement::bind(int index, qint64 value)
{
    if (m_stmt == nullptr)
        return makeError("store.error", "bind on an empty statement");
    return checkBind(sqlite3_bind_int64(m_stmt, index, value), index);
}

Result<void> Statement::bind(int index, const QByteArray &value)
{
    if (m_stmt == nullptr)
        return makeError("store.error", "bind on an empty statement");
    if (value.isNull())
        return bindNull(index);
    // QByteArray::constData() is never null for a non-null array, so an empty value is bound
    // as a zero-length blob rather than NULL.
    return checkBind(sqlite3_bind_blob64(m_stmt, index, value.constData(),
                                         static_cast<sqlite3_uint64>(value.size()), kTransient),
                     index);
}

Result<void> Statement::bind(int index, const QString &value)
{
    if (m_stmt == nullptr)
        return makeError("store.error", "bind on an empty statement");
    if (value.isNull())
        return bindNull(index);
    const QByteArray utf8 = value.toUtf8();
    return checkBind(sqlite3_bind_text64(m_stmt, index, utf8.constData(),
                                         static_cast<sqlite3_uint64>(utf8.size()), kTransient,
                                         SQLITE_UTF8),
                     index);
}

Result<void> Statement::bindNull(int index)
{
    if (m_stmt == nullptr)
        return makeError("store.error", "bind on an empty statement");
    return checkBind(sqlite3_bind_null(m_stmt, index), index);
}

Result<void> Statement::bind(int index, const std::optional<qint64> &value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Result<bool> Statement::step()
{
    if (m_stmt == nullptr)
        return makeError("store.error", "step on an empty statement");
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return sqliteError(rc, m_db, "step", sqlOf(m_stmt));
}

qint64 Statement::columnInt64(int column) const
{
    return m_stmt != nullptr ? sqlite3_column_int64(m_stmt, column) : 0;
}

QByteArray Statement::columnBlob(int column) const
{
    if (m_stmt == nullptr || sqlite3_column_type(m_stmt, column) == SQLITE_NULL)
        return {};
    // Pointer first, then size, as SQLite documents; a zero-length blob has a null pointer.
    const void *data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (data == nullptr || size <= 0)
        return QByteArray(""); // empty, but not null: the column was not NULL
    return QByteArray(static_cast<const char *>(data), size);
}

QString Statement::columnText(int column) const
{
    if (m_stmt == nullptr || sqlite3_column_type(m_stmt, column) == SQLITE_NULL)
        return {};
    const unsigned char *data = sqlite3_column_text(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (data == nullptr || size <= 0)
        return QString(""); // empty, but not null
    return QString::fromUtf8(reinterpret_cast<const char *>(data), size);
}

bool Statement::columnIsNull(int column) const
{
    return m_stmt == nullptr || sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

void Statement::reset()
{
    if (m_stmt == nullptr)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

} // namespace imp::store
