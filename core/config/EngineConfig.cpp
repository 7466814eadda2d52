#include "EngineConfig.h"

#include "config/Credentials.h"
#include "storage/Settings.h"
#include "workersai/CatalogFetch.h"

namespace flarechat::EngineConfig {

ModelCatalog catalog()
{
    ModelCatalog catalog = ModelCatalog::builtIn();
    QDateTime fetchedAt;
    if (const auto cached = ModelCatalog::loadCache(CatalogFetch::defaultCachePath(), &fetchedAt))
        catalog.mergeLive(*cached, fetchedAt);
    return catalog;
}

Engine::Config build(const Settings& settings, const Endpoint& endpoint)
{
    Engine::Config config;
    config.endpoint = endpoint;
    config.client.defaultMaxTokens = settings.value(Settings::Key::DefaultMaxTokens).toInt();
    config.catalog = catalog();
    return config;
}

Engine::Config build(const Settings& settings, const Credentials& credentials)
{
    return build(settings, credentials.endpoint());
}

} // namespace flarechat::EngineConfig
