#include "ModelsCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flarechat::ModelsCommand {

namespace {
QString features(const ModelInfo& m)
{
    QStringList f;
    if (m.isEmbedding())
        f << QStringLiteral("embeddings");
    if (m.vision)
        f << QStringLiteral("vision");
    if (m.tools)
        f << QStringLiteral("tools");
    if (m.reasoning != ModelInfo::ReasoningStyle::None)
        f << QStringLiteral("reasoning");
    if (m.paidOnly)
        f << QStringLiteral("paid-only");
    if (m.deprecated)
        f << QStringLiteral("deprecated %1").arg(m.deprecationDate);
    return f.join(QLatin1Char(','));
}

QString context(const ModelInfo& m)
{
    if (m.contextWindow <= 0)
        return QStringLiteral("-");
    return m.contextWindow >= 1000 ? QStringLiteral("%1k").arg(m.contextWindow / 1000)
                                   : QString::number(m.contextWindow);
}

QString price(const ModelInfo& m)
{
    if (m.priceInPerM <= 0 && m.priceOutPerM <= 0)
        return QStringLiteral("-");
    return QStringLiteral("$%1/$%2").arg(m.priceInPerM, 0, 'g', 4).arg(m.priceOutPerM, 0, 'g', 4);
}
} // namespace

QString table(const ModelCatalog& catalog)
{
    const QList<ModelInfo> models = catalog.models();
    QList<QStringList> rows {{QStringLiteral("ALIAS"), QStringLiteral("MODEL"), QStringLiteral("CONTEXT"),
        QStringLiteral("PRICE IN/OUT PER M"), QStringLiteral("FEATURES")}};
    for (const ModelInfo& m : models)
        rows.append({m.alias.isEmpty() ? QStringLiteral("-") : m.alias, m.id, context(m), price(m), features(m)});
    QList<int> widths(rows.first().size(), 0);
    for (const QStringList& r : rows) {
        for (int i = 0; i < r.size(); ++i)
            widths[i] = qMax(widths[i], static_cast<int>(r.at(i).size()));
    }
    QString out;
    for (const QStringList& r : rows) {
        QString line;
        for (int i = 0; i < r.size(); ++i)
            line += i + 1 < r.size() ? r.at(i).leftJustified(widths.at(i) + 2) : r.at(i);
        out += line.trimmed() + QLatin1Char('\n');
    }
    return out;
}

QByteArray json(const ModelCatalog& catalog)
{
    QJsonArray arr;
    for (const ModelInfo& m : catalog.models()) {
        arr.append(QJsonObject {
            {QStringLiteral("id"), m.id},
            {QStringLiteral("alias"), m.alias.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.alias)},
            {QStringLiteral("name"), m.displayName},
            {QStringLiteral("task"), m.task},
            {QStringLiteral("context_window"), m.contextWindow},
            {QStringLiteral("price_in_per_m"), m.priceInPerM},
            {QStringLiteral("price_out_per_m"), m.priceOutPerM},
            {QStringLiteral("vision"), m.vision},
            {QStringLiteral("tools"), m.tools},
            {QStringLiteral("reasoning"), m.reasoning != ModelInfo::ReasoningStyle::None},
            {QStringLiteral("paid_only"), m.paidOnly},
            {QStringLiteral("deprecated"), m.deprecated},
            {QStringLiteral("replacement"),
                m.replacement.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.replacement)},
        });
    }
    return QJsonDocument(arr).toJson(QJsonDocument::Indented);
}

} // namespace flarechat::ModelsCommand
