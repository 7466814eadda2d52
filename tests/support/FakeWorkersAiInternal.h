#pragma once

// Internal to the fake server: what the model table, the input checks and the replies share.
// Model behaviour is hard-coded from shared/reference/cloudflare-api.md (FakeWorkersAiModels.cpp)
// and from the fake's own catalog (fake_catalog.json), never from FlareChat's catalog.

#include "FakeWorkersAi.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace flarechat::test::detail {

// What a model does, beyond what its catalog item says.
struct ModelProfile
{
    FakeWorkersAi::Family family = FakeWorkersAi::Family::Legacy;
    bool vision = false; // image_url parts with data: URIs (or the catalog's vision property)
    bool stringOnly = false; // content must be a string
    bool rejectsAny = false; // tool_choice "any" -> 8001
    bool responsesForm = false; // accepts the Responses `input` form (gpt-oss)
    bool schemaNeedsName = false; // response_format.json_schema needs `name` (vLLM-era schemas)
    bool vllmEra = false; // prefix cache, cached_tokens, chatcmpl-tool-<random> ids
    bool gated = false; // 403 / 5018 until access is granted
    int defaultMaxTokens = 256;
    int contextWindow = -1; // >= 0 replaces the catalog's context_window (0 = none)
    int embeddingDim = 0;
    QDate paidOnlySince; // require_workers_paid applies from this day (invalid: always)
    FakeWorkersAi::ReasoningControl reasoning;
};

ModelProfile builtInProfile(const QString& modelId, FakeWorkersAi::Family family);
FakeWorkersAi::ReasoningControl glm53Reasoning(FakeWorkersAi::Glm53Reasoning variant);
const FakeWorkersAi::Deprecation* deprecationOf(const QString& modelId);

// --- text and tokens (FakeWorkersAiChecks.cpp) -------------------------------------------------
QString textOf(const QJsonValue& content); // a string, or the text parts of an array joined by spaces
int wordCount(const QString& s);
int messageTokens(const QJsonObject& message); // 4 + its text + its tool calls' names and arguments
// The raw JSON of each element of the top-level array `key` of a JSON object, byte for byte as
// sent; empty when the body cannot be scanned.
QList<QByteArray> rawArrayItems(const QByteArray& json, const QByteArray& key);
QString lastUserText(const QJsonObject& body);
QString toolName(const QJsonValue& tool);
QJsonObject toolParameters(const QJsonValue& tool);
// A value that satisfies a (simple) JSON Schema: strings carry `text`, numbers 42, booleans true.
QJsonValue sampleFor(const QJsonObject& schema, const QString& text, int depth = 0);

// --- input checks (FakeWorkersAiChecks.cpp); false + *error on a violation ----------------------
bool checkMessages(
    const QJsonArray& messages, const ModelProfile& profile, bool openAiCompat, FakeWorkersAi::Script* error);
bool checkToolCallIds(const QJsonArray& messages, FakeWorkersAi::Script* error);

struct ReasoningDecision
{
    bool on = false;
    QString effort;
};
bool decideReasoning(const QJsonObject& body, const FakeWorkersAi::ReasoningControl& control, bool responsesForm,
    ReasoningDecision* decision, FakeWorkersAi::Script* error);

// The completion budget a request asks for: max_completion_tokens, else max_tokens, else
// max_output_tokens; -1 when none is set.
int requestedCompletionTokens(const QJsonObject& body);
bool checkContextWindow(const QJsonObject& body, int promptTokens, int contextWindow, FakeWorkersAi::Script* error);

} // namespace flarechat::test::detail
