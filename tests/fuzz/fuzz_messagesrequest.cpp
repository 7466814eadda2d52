// Fuzzes MessagesRequestReader::read (Anthropic Messages → the engine's ChatRequest): any JSON
// body either fails with a 400 whose message starts with the field it names, or gives a request
// that is valid in the engine's own form — ChatRequestReader reads its JSON form back to the same
// request (where the two APIs' limits agree: OpenAI allows 4 stop sequences and 64-character tool
// names, Anthropic more) — with at most one system message, first.
#include "anthropic/MessagesRequestReader.h"
#include "openai/ChatJson.h"
#include "openai/ChatRequestReader.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace flarechat;
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return 0;

    ApiError error;
    const std::optional<ChatRequest> r = MessagesRequestReader::read(doc.object(), &error);
    if (!r) {
        if (error.httpStatus != 400 || error.param.isEmpty()
            || !error.message.startsWith(error.param + QStringLiteral(": ")))
            abort();
        return 0;
    }
    if (r->model.isEmpty() || !r->maxTokens || *r->maxTokens < 1)
        abort();
    for (qsizetype i = 0; i < r->messages.size(); ++i) {
        const ChatMessage& m = r->messages.at(i);
        if (m.role == QLatin1String("system") && i != 0)
            abort();
        if (m.role == QLatin1String("tool") && !m.toolCalls.isEmpty())
            abort();
    }
    // Counting takes the same body: it never refuses what creating accepts.
    if (!MessagesRequestReader::read(doc.object(), &error, true))
        abort();

    bool comparable = r->stop.size() <= 4 && !r->messages.isEmpty();
    for (const ToolDefinition& t : r->tools)
        comparable = comparable && t.name.size() <= 64;
    if (!comparable)
        return 0;
    const QJsonObject once = ChatJson::request(*r);
    ApiError again;
    const std::optional<ChatRequest> engine = ChatRequestReader::read(once, &again);
    if (!engine || ChatJson::request(*engine) != once)
        abort();
    return 0;
}
