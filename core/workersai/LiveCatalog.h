#pragma once

#include "workersai/ModelInfo.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace flarechat {

// Cloudflare's live model list: reading GET /accounts/{id}/ai/models/search results (reference
// §5: property values as strings, prices as lists of units, reasoning_effort as an object or a
// display string, require_workers_paid), the cache file the next start reads before the network
// answers, and the rule for laying a live entry over a built-in one. Pure code but for the file.
namespace LiveCatalog {

// One ModelInfo per item whose "name" is a model id, every task kept. Facts the item states are
// flagged in ModelInfo::liveFacts; the rest are ModelInfo::unknown defaults. Malformed items or
// properties are skipped, never fatal: the search API is not under our control.
QList<ModelInfo> parseSearchResults(const QJsonArray& result);

// Whether a live model is one FlareChat can talk to: a text-generation model that takes messages
// (not the Clef decision models, whose task is "Text Generation" too), or an embedding model.
bool isChatOrEmbedding(const ModelInfo& live);

// The facts a live entry states, laid over what the built-in catalog knows of the same model:
// description, context window, price, tools, reasoning efforts, plan and deprecation. Content
// form, reply shape, streaming, reasoning style, vision and JSON mode stay the built-in ones
// (they are how we talk to the model, which the search API doesn't describe).
void applyOver(ModelInfo* builtIn, const ModelInfo& live);

// The live list as JSON with its fetch time, written atomically (QSaveFile).
bool saveCache(const QString& path, const QList<ModelInfo>& live, const QDateTime& fetchedAt, QString* error);
// Reads what saveCache wrote. A missing, corrupt or foreign file gives nullopt.
std::optional<QList<ModelInfo>> loadCache(const QString& path, QDateTime* fetchedAt = nullptr);

} // namespace LiveCatalog
} // namespace flarechat
