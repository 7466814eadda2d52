#include "UserAliases.h"

#include "storage/Settings.h"

#include <QStringList>

namespace flarechat {

UserAliases::Rows UserAliases::read(const Settings& settings)
{
    Rows rows;
    const QStringList stored = settings.value(Settings::Key::ModelAliases).toStringList();
    for (const QString& entry : stored) {
        // A model id never holds "=", an alias may: the last one separates them.
        const qsizetype split = entry.lastIndexOf(QLatin1Char('='));
        if (split <= 0)
            continue;
        rows.append({entry.left(split).trimmed(), entry.mid(split + 1).trimmed()});
    }
    return rows;
}

void UserAliases::write(Settings* settings, const Rows& rows)
{
    QStringList stored;
    for (const auto& row : rows)
        stored.append(row.first.trimmed() + QLatin1Char('=') + row.second.trimmed());
    if (stored.isEmpty())
        settings->reset(Settings::Key::ModelAliases);
    else
        settings->setValue(Settings::Key::ModelAliases, stored);
}

QHash<QString, QString> UserAliases::toHash(const Rows& rows)
{
    QHash<QString, QString> out;
    for (const auto& row : rows)
        out.insert(row.first, row.second);
    return out;
}

} // namespace flarechat
