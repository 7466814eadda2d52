#pragma once

#include <QString>

namespace flarechat {

// Tool-call ids. Workers AI's Mistral-3-style schemas demand ids of exactly nine alphanumeric
// characters while OpenAI clients send ids like "call_abc123...". Ids we invent are always
// nine alphanumerics (valid everywhere), and a foreign id is mapped to nine alphanumerics
// derived from its hash, so the same id maps the same way in every message of a request.
namespace ToolCallIds {

bool isStrict(const QString& id); // matches [a-zA-Z0-9]{9}
QString toStrict(const QString& id);
QString generate();
// Deterministic id for the index-th tool call of a reply (stable across retries of a parse).
QString forReply(const QString& seed, int index);

} // namespace ToolCallIds
} // namespace flarechat
