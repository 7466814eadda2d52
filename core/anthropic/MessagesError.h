#pragma once

#include "http/HttpRequest.h"
#include "openai/ApiError.h"

#include <QJsonObject>
#include <QString>

namespace flarechat {

// An engine error (ApiError, with FlareChat's codes) in Anthropic's shape:
// {"type":"error","error":{"type","message"}} with Anthropic's status for that type. The one
// table from FlareChat's errors to Anthropic's types is here:
//   400 invalid_request_error, 401 authentication_error, 403 permission_error, 404 not_found_error,
//   413 request_too_large, 429 rate_limit_error (Retry-After kept: the quota state says when the
//   free allocation resets), 500 api_error (502/504 keep their status), 529 overloaded_error when
//   Workers AI is out of capacity (3040) or the local server is full.
namespace MessagesError {

struct Mapped
{
    int status = 500;
    QString type; // Anthropic's error type
};

Mapped map(const ApiError& error);
// Whether a request gets Anthropic's error shape: on the Messages routes, and wherever the client
// says it is one (every Anthropic SDK and Claude Code send anthropic-version). The router and the
// transport's own errors (413, 431, 503, ...) both ask here.
bool isAnthropicClient(const HttpRequest& request);
QJsonObject body(const ApiError& error); // {"type":"error","error":{"type","message"}}

} // namespace MessagesError
} // namespace flarechat
