#pragma once

#include "engine/Engine.h"

namespace flarechat {

class Credentials;
class Settings;

// How the settings, the credentials and the catalog become a running engine. The window, `flarechat
// serve` and `flarechat ask` all configure their engines here, so a model name resolves to the same
// facts in the window and on the API, and a setting means the same everywhere.
namespace EngineConfig {

// The catalog every engine uses: the built-in one with the live list cached by `flarechat models
// --live` (CatalogFetch::defaultCachePath()) merged in.
ModelCatalog catalog();

// The engine's configuration: the endpoint (the credentials' one), the client options the settings
// give (Settings::Key::DefaultMaxTokens) and catalog().
Engine::Config build(const Settings& settings, const Endpoint& endpoint);
Engine::Config build(const Settings& settings, const Credentials& credentials);

} // namespace EngineConfig
} // namespace flarechat
