// Fuzzes ResponsesRequestReader::read (OpenAI Responses → the engine's ChatRequest): any JSON
// body either fails with a 400 whose message starts with the field it names, or gives a request
// that is valid in the engine's own form — ChatRequestReader reads its JSON form back to the same
// request — whose tool messages carry no calls and whose custom tools are among its tools.
#include "openai/ChatJson.h"
#include "openai/ChatRequestReader.h"
#include "responses/ResponsesRequestReader.h"

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
    const std::optional<ResponsesRequest> r = ResponsesRequestReader::read(doc.object(), &error);
    if (!r) {
        if (error.httpStatus != 400 || error.param.isEmpty()
            || !error.message.startsWith(error.param + QStringLiteral(": ")))
            abort();
        return 0;
    }
    if (r->chat.model.isEmpty() || (r->chat.maxTokens && *r->chat.maxTokens < 1))
        abort();
    for (const ChatMessage& m : r->chat.messages) {
        if (m.role == QLatin1String("tool") && !m.toolCalls.isEmpty())
            abort();
        if (m.role != QLatin1String("user") && m.hasImages())
            abort();
    }
    for (const QString& name : r->customTools) {
        bool offered = false;
        for (const ToolDefinition& t : r->chat.tools)
            offered = offered || t.name == name;
        if (!offered)
            abort();
    }
    const ChatRequest composed = r->compose({});
    if (composed.messages.isEmpty())
        return 0; // a chain's continuation with no input of its own: the router checks it
    const QJsonObject once = ChatJson::request(composed);
    ApiError again;
    const std::optional<ChatRequest> engine = ChatRequestReader::read(once, &again);
    if (!engine || ChatJson::request(*engine) != once)
        abort();
    return 0;
}
