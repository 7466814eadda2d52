#pragma once

#include <QSqlDatabase>
#include <QSqlError>

namespace flarechat {

// One change to the conversation database. It takes the write lock up front (BEGIN IMMEDIATE),
// so a busy database fails at the start, within the busy timeout, instead of half-way through;
// rolled back unless committed.
class WriteTransaction final
{
public:
    explicit WriteTransaction(const QSqlDatabase& db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    bool isActive() const { return m_active; }
    QSqlError error() const { return m_error; } // why BEGIN or COMMIT failed
    bool commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QSqlError m_error;
};

} // namespace flarechat
