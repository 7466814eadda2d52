#pragma once

#include "openai/ApiError.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace flarechat {

// OpenAI's Embeddings API (/v1/embeddings): the request's model, texts and encoding, and the
// list reply with float arrays or base64 (little-endian float32, as the SDKs decode it). Pure code.
namespace EmbeddingsWire {

struct Request
{
    QString model;
    QStringList texts; // one or more, none empty
    bool base64 = false; // encoding_format "base64"
};
// Token arrays, an empty text, an unknown encoding_format and `dimensions` (Workers AI's
// embedding sizes are fixed) are refused with an explanation.
std::optional<Request> readRequest(const QJsonObject& body, ApiError* error);

QJsonObject response(const QString& model, const QList<QVector<float>>& vectors, bool base64, qint64 promptTokens);

} // namespace EmbeddingsWire
} // namespace flarechat
