#pragma once

#include "ApiError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace flarechat {

// OpenAI Chat Completions, as value types. This is FlareChat's internal form of a chat
// request and its reply, the engine's types: each face of the local API server reads its wire
// format into them (ChatRequestReader for OpenAI chat; next to it Anthropic Messages and
// Responses), the window builds them directly, and the Workers AI translator consumes them.
// Reading is ChatRequestReader's, writing ChatJson's.

struct ContentPart
{
    enum class Kind { Text, ImageUrl };
    Kind kind = Kind::Text;
    QString text; // Kind::Text
    QString imageUrl; // Kind::ImageUrl: "data:image/png;base64,..." or an http(s) URL
    QString imageDetail; // "auto" | "low" | "high" | empty

    static ContentPart makeText(const QString& text) { return {Kind::Text, text, {}, {}}; }
    static ContentPart makeImage(const QString& url) { return {Kind::ImageUrl, {}, url, {}}; }
    bool operator==(const ContentPart& o) const
    {
        return kind == o.kind && text == o.text && imageUrl == o.imageUrl && imageDetail == o.imageDetail;
    }
};

struct ToolCall
{
    QString id; // "call_..." on our side; Workers AI may demand 9 alphanumerics (translator maps)
    QString name;
    QString arguments; // a JSON text, as OpenAI sends it
    bool operator==(const ToolCall& o) const { return id == o.id && name == o.name && arguments == o.arguments; }
};

struct ChatMessage
{
    enum class ContentKind { Null, Text, Parts };

    QString role; // "system" | "developer" | "user" | "assistant" | "tool"
    ContentKind contentKind = ContentKind::Text;
    QString text; // ContentKind::Text
    QList<ContentPart> parts; // ContentKind::Parts
    QString name; // optional participant name
    QList<ToolCall> toolCalls; // assistant only
    QString toolCallId; // tool only
    QString reasoning; // assistant history: "reasoning_content" (or "reasoning") when a client sends it back

    // The text of the message: the string content, or the text parts joined with "\n".
    QString textContent() const;
    bool hasImages() const;

    static ChatMessage system(const QString& text) { return make(QStringLiteral("system"), text); }
    static ChatMessage user(const QString& text) { return make(QStringLiteral("user"), text); }
    static ChatMessage assistant(const QString& text) { return make(QStringLiteral("assistant"), text); }
    static ChatMessage make(const QString& role, const QString& text)
    {
        ChatMessage m;
        m.role = role;
        m.text = text;
        return m;
    }
};

struct ToolDefinition
{
    QString name;
    QString description;
    QJsonObject parameters; // JSON Schema; may be empty
    std::optional<bool> strict;
};

struct ChatRequest
{
    QString model; // as the client asked: an alias ("deepseek-r1") or a "@cf/..." id
    QList<ChatMessage> messages;

    bool stream = false;
    bool includeUsage = false; // stream_options.include_usage

    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> topK;
    std::optional<double> frequencyPenalty;
    std::optional<double> presencePenalty;
    std::optional<double> repetitionPenalty;
    std::optional<qint64> seed;
    std::optional<int> maxTokens; // max_tokens or max_completion_tokens

    QStringList stop; // "stop": string or list of up to 4 strings

    QJsonObject responseFormat; // {"type":"text"|"json_object"|"json_schema", "json_schema":{name,schema,strict}};
                                // empty if absent

    QList<ToolDefinition> tools;
    QJsonValue
        toolChoice; // Undefined if absent; "none"|"auto"|"required" or {"type":"function","function":{"name":...}}
    std::optional<bool> parallelToolCalls;

    QString reasoningEffort; // "none" | "minimal" | "low" | "medium" | "high"; empty if absent
    QString user;
    // Not part of the body: the x-session-affinity header Workers AI routes prompt-cache hits by
    // (a client's own on the local API, one per conversation in the window). Empty: none sent.
    QString sessionAffinity;
};

struct Usage
{
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 totalTokens = 0;
    qint64 cachedTokens = -1; // prompt_tokens_details.cached_tokens, -1 if not reported
    qint64 reasoningTokens = -1; // completion_tokens_details.reasoning_tokens, -1 if not reported
    bool valid = false; // upstream reported usage

    bool isZero() const { return promptTokens == 0 && completionTokens == 0 && totalTokens == 0; }
};

// A piece of a tool call as it streams: the first delta of an index carries id and name,
// later ones carry argument fragments.
struct ToolCallDelta
{
    int index = 0;
    QString id;
    QString name;
    QString arguments;
};

// One increment of a reply: what a stream event adds, after translation.
struct ChatDelta
{
    QString content;
    QString reasoning;
    QList<ToolCallDelta> toolCalls;
    bool isEmpty() const { return content.isEmpty() && reasoning.isEmpty() && toolCalls.isEmpty(); }
};

// A whole reply (non-streaming, or a stream accumulated).
struct ChatResult
{
    QString content;
    QString reasoning;
    QList<ToolCall> toolCalls;
    QString finishReason; // "stop" | "length" | "tool_calls" | "content_filter"
    Usage usage;
};

} // namespace flarechat
