#include "storage/StoreConnection.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace flarechat {

Q_LOGGING_CATEGORY(lcStore, "flarechat.storage")

namespace {

// SQLite primary result codes, as QSQLITE reports them in QSqlError::nativeErrorCode().
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADb = 26;

QAtomicInteger<quint64> s_connectionCounter;

} // namespace

StoreConnection::StoreConnection(const QString& path)
    : m_path(path)
    , m_connectionName(QStringLiteral("flarechat.conversations.%1").arg(s_connectionCounter.fetchAndAddRelaxed(1)))
{
}

StoreConnection::~StoreConnection()
{
    close();
}

bool StoreConnection::open(const QString& action)
{
    const QFileInfo info(m_path);
    if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath()))
        return fail(tr("%1 failed: cannot create the folder %2").arg(action, info.absolutePath()));

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs));
    if (!m_db.open()) {
        fail(action, m_db.lastError());
        close();
        return false;
    }
    return true;
}

bool StoreConnection::configure()
{
    return execPragma(QStringLiteral("PRAGMA journal_mode = WAL"))
        && execPragma(QStringLiteral("PRAGMA synchronous = NORMAL"))
        && execPragma(QStringLiteral("PRAGMA foreign_keys = ON"))
        && execPragma(QStringLiteral("PRAGMA busy_timeout = %1").arg(m_busyTimeoutMs));
}

void StoreConnection::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void StoreConnection::setBusyTimeout(int ms)
{
    m_busyTimeoutMs = ms;
    if (m_db.isOpen())
        execPragma(QStringLiteral("PRAGMA busy_timeout = %1").arg(ms));
}

bool StoreConnection::execPragma(const QString& sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return fail(tr("Opening the conversation database"), q.lastError());
    return true;
}

bool StoreConnection::fail(const QString& message) const
{
    m_lastError = message;
    qCWarning(lcStore).noquote() << message;
    return false;
}

bool StoreConnection::fail(const QString& action, const QSqlError& error) const
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    QString reason;
    if (!m_db.isValid())
        return fail(tr("%1 failed: the conversation database is not open").arg(action));
    switch (ok ? code : -1) {
    case kSqliteBusy:
    case kSqliteLocked:
        reason = tr("the conversation database is locked by another program or another FlareChat window");
        break;
    case kSqliteReadOnly:
        reason = tr("the conversation database is read-only (check the permissions of %1)").arg(m_path);
        break;
    case kSqliteFull:
        reason = tr("the disk is full");
        break;
    case kSqliteIoErr:
        reason = tr("the disk reported an input/output error");
        break;
    case kSqliteCorrupt:
    case kSqliteNotADb:
        reason = tr("%1 is damaged or is not a FlareChat conversation database").arg(m_path);
        break;
    case kSqliteCantOpen:
        reason = tr("%1 cannot be opened (check that its folder exists and is writable)").arg(m_path);
        break;
    default:
        reason = error.text();
        break;
    }
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (reason != detail)
        reason += QStringLiteral(" (SQLite: %1)").arg(detail);
    return fail(tr("%1 failed: %2").arg(action, reason));
}

} // namespace flarechat
