#include "storage/WriteTransaction.h"

#include <QSqlQuery>

namespace flarechat {

WriteTransaction::WriteTransaction(const QSqlDatabase& db)
    : m_db(db)
{
    QSqlQuery q(m_db);
    m_active = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_active)
        m_error = q.lastError();
}

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

bool WriteTransaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT"))) {
        m_error = q.lastError();
        return false;
    }
    m_active = false;
    return true;
}

} // namespace flarechat
