// Fuzzes ChatRequestReader::read: any JSON body either parses to a request whose JSON form parses
// back to the same JSON, or fails with a 400 whose message starts with the param it names.
#include "openai/ChatJson.h"
#include "openai/ChatRequestReader.h"
#include "openai/ChatTypes.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using flarechat::ApiError;
    using flarechat::ChatRequest;
    using flarechat::ChatRequestReader;
    namespace ChatJson = flarechat::ChatJson;
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return 0;

    ApiError error;
    const std::optional<ChatRequest> first = ChatRequestReader::read(doc.object(), &error);
    if (!first) {
        // Every rejection must be actionable: a 400 that names the param and starts with it.
        if (error.httpStatus != 400 || error.param.isEmpty()
            || !error.message.startsWith(error.param + QStringLiteral(": ")))
            abort();
        return 0;
    }

    const QJsonObject once = ChatJson::request(*first);
    ApiError again;
    const std::optional<ChatRequest> second = ChatRequestReader::read(once, &again);
    if (!second)
        abort();
    if (ChatJson::request(*second) != once)
        abort();
    // Serialising through text must not change the meaning either (what the server really sends).
    const QJsonDocument reread = QJsonDocument::fromJson(QJsonDocument(once).toJson(QJsonDocument::Compact));
    const std::optional<ChatRequest> third = ChatRequestReader::read(reread.object(), &again);
    if (!third || ChatJson::request(*third) != once)
        abort();
    return 0;
}
