#include "ModelsWire.h"

#include <QJsonArray>

namespace flarechat::ModelsWire {

QJsonObject model(const Entry& e)
{
    QJsonObject o {
        {QStringLiteral("id"), e.id},
        {QStringLiteral("object"), QStringLiteral("model")},
        {QStringLiteral("created"), e.created},
        {QStringLiteral("owned_by"), QStringLiteral("cloudflare")},
        {QStringLiteral("require_workers_paid"), e.requiresWorkersPaid},
    };
    if (e.contextWindow > 0)
        o.insert(QStringLiteral("context_window"), e.contextWindow);
    return o;
}

QJsonObject list(const QList<Entry>& entries)
{
    QJsonArray data;
    for (const Entry& e : entries)
        data.append(model(e));
    return QJsonObject {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}};
}

} // namespace flarechat::ModelsWire
