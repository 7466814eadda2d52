#pragma once

#include "openai/ApiError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace flarechat {

// Cloudflare's error replies → OpenAI errors with the right HTTP status. Pure code.
// Reads the Cloudflare envelope ({"success":false,"errors":[{code,message}]}), OpenAI-shaped
// errors from the /ai/v1 endpoints, and plain text; keeps the upstream's message.
namespace UpstreamError {

// httpStatus: the upstream's status. retryAfterHeader: its Retry-After value, if any.
// now: the current time (injectable for tests; the daily quota resets at 00:00 UTC).
ApiError fromReply(int httpStatus, const QByteArray& body, const QByteArray& retryAfterHeader,
                   const QDateTime& now = QDateTime::currentDateTimeUtc());

// A network failure before any reply (connection refused, DNS, TLS...).
ApiError network(const QString& what);
// No reply, or no event, within the timeout.
ApiError timeout(const QString& what);

// Seconds until the next 00:00 UTC, when the free daily allocation resets.
qint64 secondsUntilQuotaReset(const QDateTime& now);

bool isRetryable(const ApiError& e); // 408, 409, 429 capacity (3040), 5xx, network — never the daily quota

} // namespace UpstreamError
} // namespace flarechat
