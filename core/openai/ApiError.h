#pragma once

#include "openai/ErrorCodes.h"

#include <QJsonObject>
#include <QString>

namespace flarechat {

// An error as OpenAI's API reports it ({"error":{message,type,param,code}}), plus the HTTP
// status and, when it came from Workers AI, the upstream's own code. Both faces use it: the
// local API server writes it as JSON, the window shows message().
struct ApiError
{
    int httpStatus = 500;
    QString type; // invalid_request_error, authentication_error, permission_error, not_found_error,
                  // rate_limit_error, insufficient_quota, server_error, timeout_error, api_error
    QString message;
    QString param; // empty = null
    QString code; // empty = null
    int upstreamCode = 0; // Cloudflare's error code, 0 if none
    QString upstreamMessage; // Cloudflare's own words ("HTTP 403" when it gave none), empty if not from it
    int retryAfterSeconds = -1; // for 429/503: seconds until a retry may succeed, -1 if unknown
    bool isValid() const { return !message.isEmpty(); }

    QJsonObject toJson() const; // {"error":{...}}

    static ApiError invalidRequest(const QString& message, const QString& param = {}, const QString& code = {});
    static ApiError notFound(const QString& message, const QString& code = ErrorCode::NotFound);
    static ApiError server(const QString& message, const QString& code = {});
    static ApiError upstream(int httpStatus, const QString& type, const QString& message, const QString& code = {});
    // 503 server_error "The server is shutting down.": a request the local server ends unfinished.
    static ApiError shuttingDown();
};

} // namespace flarechat
