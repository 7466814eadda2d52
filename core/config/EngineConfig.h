#pragma once

#include "engine/Engine.h"

#include <memory>

namespace flarechat {

class Credentials;
class Settings;

// How the settings, the credentials and the catalog become a running engine. The window, `flarechat
// serve` and `flarechat ask` all configure their engines here, so a model name resolves to the same
// facts in the window and on the API, and a setting means the same everywhere.
namespace EngineConfig {

// The built-in catalog with the live list cached by `flarechat models --live`
// (CatalogFetch::defaultCachePath()) merged in.
ModelCatalog catalog();
// The catalog every engine uses: catalog() with the user's aliases (UserAliases; the catalog
// drops any its rules refuse).
ModelCatalog catalog(const Settings& settings);

// The process's one QuotaState. Every engine configured here shares it (the window's, the API
// server's on its thread, `serve`'s, `ask`'s), so an allocation spent in one holds them all: Cloudflare
// counts the allocation per account, not per window or server.
std::shared_ptr<QuotaState> quota();

// The process's one NeuronMeter, kept in <AppLocalDataLocation>/usage-today.json: every engine
// configured here counts its replies into it, and every FlareChat process of the user into its file.
std::shared_ptr<NeuronMeter> meter();

// The engine's configuration: the endpoint (the credentials' one), the client options the settings
// give (Settings::Key::DefaultMaxTokens), catalog(settings), quota() and meter().
Engine::Config build(const Settings& settings, const Endpoint& endpoint);
Engine::Config build(const Settings& settings, const Credentials& credentials);

} // namespace EngineConfig
} // namespace flarechat
