#include "JsonBody.h"

#include "openai/ErrorCodes.h"

#include <QJsonDocument>

namespace flarechat {

std::optional<QJsonObject> readJsonObject(const QByteArray& body, ApiError* error)
{
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error == QJsonParseError::NoError && doc.isObject())
        return doc.object();
    if (error) {
        *error = ApiError::invalidRequest(pe.error != QJsonParseError::NoError
                ? QStringLiteral("We could not parse the JSON body of your request (%1 at offset %2). "
                                 "The API expects a JSON object with Content-Type: application/json.")
                      .arg(pe.errorString())
                      .arg(pe.offset)
                : QStringLiteral("The request body must be a JSON object."),
            {}, ErrorCode::InvalidJson);
    }
    return std::nullopt;
}

} // namespace flarechat
