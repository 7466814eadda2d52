#include "ModelsCommand.h"

#include "TextTable.h"

#include "CommonOptions.h"
#include "ExitCode.h"
#include "config/EngineConfig.h"
#include "storage/Settings.h"
#include "workersai/CatalogFetch.h"
#include "workersai/WorkersAiClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flarechat::cli {

namespace {
QString features(const ModelInfo& m)
{
    QStringList f;
    if (m.isEmbedding())
        f << ModelsCommand::tr("embeddings");
    if (m.vision)
        f << ModelsCommand::tr("vision");
    if (m.tools)
        f << ModelsCommand::tr("tools");
    if (m.reasoning != ModelInfo::ReasoningStyle::None)
        f << ModelsCommand::tr("reasoning");
    if (m.deprecated && !m.replacement.isEmpty())
        f << ModelsCommand::tr("retired %1, now %2").arg(m.deprecationDate, m.replacement);
    else if (m.deprecated)
        f << ModelsCommand::tr("deprecated %1").arg(m.deprecationDate);
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

QString ModelsCommand::table(const ModelCatalog& catalog)
{
    const QList<ModelInfo> models = catalog.models();
    QList<QStringList> rows {
        {tr("ALIAS"), tr("MODEL"), tr("PLAN"), tr("CONTEXT"), tr("PRICE IN/OUT PER M"), tr("FEATURES")}};
    for (const ModelInfo& m : models) {
        rows.append({m.alias.isEmpty() ? QStringLiteral("-") : m.alias, m.id, m.paidOnly ? tr("paid") : tr("free"),
            context(m), price(m), features(m)});
    }
    return textTable(rows);
}

QByteArray ModelsCommand::json(const ModelCatalog& catalog)
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
            {QStringLiteral("deprecation_date"),
                m.deprecationDate.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.deprecationDate)},
            {QStringLiteral("deprecated"), m.deprecated},
            {QStringLiteral("replacement"),
                m.replacement.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.replacement)},
        });
    }
    return QJsonDocument(arr).toJson(QJsonDocument::Indented);
}

int ModelsCommand::run(QCoreApplication& app, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr("List the models FlareChat knows."));
    p.addHelpOption();
    const CommonOptions common;
    common.addAll(p);
    const QCommandLineOption json(QStringLiteral("json"), tr("Print JSON instead of a table."));
    const QCommandLineOption live(QStringLiteral("live"), tr("Fetch the live catalog from Cloudflare first."));
    p.addOption(json);
    p.addOption(live);
    if (const int code = parseArguments(p, args, QStringLiteral("models"), 0); code >= 0)
        return code;

    const Settings settings(common.settingsPath(p));
    ModelCatalog catalog = EngineConfig::catalog(settings); // what the window and serve resolve names with
    if (p.isSet(live)) {
        const Credentials creds = common.resolveCredentials(p);
        if (!creds.isUsable()) {
            err(QStringLiteral("flarechat: %1").arg(creds.problems().join(QLatin1Char(' '))));
            return Config;
        }
        WorkersAiClient client;
        client.setEndpoint(creds.endpoint());
        CatalogFetch fetch(&client);
        int code = Ok;
        QObject::connect(&fetch, &CatalogFetch::finished, &app, [&](const QList<ModelInfo>& models) {
            catalog.mergeLive(models, QDateTime::currentDateTimeUtc());
            QString error;
            if (!catalog.saveCache(CatalogFetch::defaultCachePath(), &error))
                err(QStringLiteral("flarechat: ") + tr("could not cache the model list: %1").arg(error));
            app.quit();
        });
        QObject::connect(&fetch, &CatalogFetch::failed, &app, [&](const ApiError& e) {
            err(QStringLiteral("flarechat: %1").arg(e.message));
            code = Failed;
            app.quit();
        });
        fetch.start();
        app.exec();
        if (code != Ok)
            return code;
    }
    out(p.isSet(json) ? QString::fromUtf8(ModelsCommand::json(catalog)) : ModelsCommand::table(catalog));
    return Ok;
}

} // namespace flarechat::cli
