#pragma once

#include <QString>

namespace flarechat {

// Tool-call ids. Workers AI's models demand ids of exactly nine alphanumeric characters while
// OpenAI clients send ids like "call_abc123..." (and Workers AI's own replies carry
// "chatcmpl-tool-..."). Ids we invent are always nine alphanumerics (valid everywhere); a
// request's other ids are mapped by ToolCallIdMap, on top of toStrict().
namespace ToolCallIds {

bool isStrict(const QString& id); // matches [a-zA-Z0-9]{9}
QString toStrict(const QString& id); // the id itself if valid, else nine alphanumerics from its SHA-256
QString generate();
// Deterministic id for the index-th tool call of a reply (stable across retries of a parse).
QString forReply(const QString& seed, int index);

} // namespace ToolCallIds
} // namespace flarechat
