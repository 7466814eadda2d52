#pragma once

#include "workersai/ModelInfo.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace flarechat {

// The built-in catalog's file format (resources/models.json): FlareChat's translation knowledge
// per model — content form, reply shape, streaming, reasoning style and switch, JSON mode, ranges,
// prices, context window, plan, deprecation. Strict: unknown keys, bad enum values, duplicate ids
// or aliases are errors, so a typo in the file fails its test instead of a request. Pure code.
namespace CatalogFile {

struct Contents
{
    ModelInfo defaults = ModelInfo::unknown(QString()); // "defaults": ranges and defaultMaxTokens
    QList<ModelInfo> models; // file order
};

std::optional<Contents> parse(const QByteArray& json, QString* error = nullptr);

// Shared with the live catalog's reader.
inline const QString& textGeneration()
{
    static const QString task = QStringLiteral("Text Generation");
    return task;
}
inline const QString& textEmbeddings()
{
    static const QString task = QStringLiteral("Text Embeddings");
    return task;
}
bool isIsoDate(const QString& s); // "YYYY-MM-DD"
bool parseCount(const QJsonValue& v, int* out); // a non-negative integer
void copyDefaults(const ModelInfo& from, ModelInfo* to); // ranges and defaultMaxTokens

} // namespace CatalogFile
} // namespace flarechat
