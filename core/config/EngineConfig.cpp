#include "EngineConfig.h"

#include "config/Credentials.h"
#include "storage/Settings.h"
#include "storage/UserAliases.h"
#include "workersai/CatalogFetch.h"

#include <QStandardPaths>

namespace flarechat::EngineConfig {

ModelCatalog catalog()
{
    ModelCatalog catalog = ModelCatalog::builtIn();
    QDateTime fetchedAt;
    if (const auto cached = ModelCatalog::loadCache(CatalogFetch::defaultCachePath(), &fetchedAt))
        catalog.mergeLive(*cached, fetchedAt);
    return catalog;
}

ModelCatalog catalog(const Settings& settings)
{
    ModelCatalog catalog = EngineConfig::catalog();
    catalog.setUserAliases(UserAliases::toHash(UserAliases::read(settings)));
    return catalog;
}

std::shared_ptr<QuotaState> quota()
{
    static const std::shared_ptr<QuotaState> process = std::make_shared<QuotaState>(); // thread-safe init
    return process;
}

std::shared_ptr<NeuronMeter> meter()
{
    static const std::shared_ptr<NeuronMeter> process = std::make_shared<NeuronMeter>(
        QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/usage-today.json"));
    return process;
}

Engine::Config build(const Settings& settings, const Endpoint& endpoint)
{
    Engine::Config config;
    config.endpoint = endpoint;
    config.client.defaultMaxTokens = settings.value(Settings::Key::DefaultMaxTokens).toInt();
    config.catalog = catalog(settings);
    config.quota = quota();
    config.meter = meter();
    return config;
}

Engine::Config build(const Settings& settings, const Credentials& credentials)
{
    return build(settings, credentials.endpoint());
}

} // namespace flarechat::EngineConfig
