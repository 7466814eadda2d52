#include "MessagesError.h"

namespace flarechat::MessagesError {

namespace {

inline constexpr QLatin1String kInvalidRequest("invalid_request_error");
inline constexpr QLatin1String kAuthentication("authentication_error");
inline constexpr QLatin1String kPermission("permission_error");
inline constexpr QLatin1String kNotFound("not_found_error");
inline constexpr QLatin1String kTooLarge("request_too_large");
inline constexpr QLatin1String kRateLimit("rate_limit_error");
inline constexpr QLatin1String kApi("api_error");
inline constexpr QLatin1String kOverloaded("overloaded_error");

} // namespace

Mapped map(const ApiError& e)
{
    // Codes first, where Anthropic draws the line elsewhere than the HTTP status does.
    if (e.upstreamCode == 3040 || e.code == ErrorCode::ServerBusy)
        return {529, kOverloaded};
    if (e.code == ErrorCode::RequestTooLarge || e.httpStatus == 413)
        return {413, kTooLarge};
    if (e.code == ErrorCode::MissingCredentials || e.code == ErrorCode::UpstreamAuthenticationFailed)
        return {e.httpStatus, kAuthentication}; // the account's credentials, not the client's key
    switch (e.httpStatus) {
    case 400:
    case 405:
    case 408:
    case 409:
    case 422:
        return {e.httpStatus, kInvalidRequest};
    case 401:
        return {401, kAuthentication};
    case 402:
    case 403:
        return {403, kPermission};
    case 404:
        return {404, kNotFound};
    case 429:
        return {429, kRateLimit};
    case 529:
        return {529, kOverloaded};
    default:
        break;
    }
    if (e.httpStatus >= 400 && e.httpStatus < 500)
        return {e.httpStatus, kInvalidRequest};
    return {e.httpStatus >= 500 ? e.httpStatus : 500, kApi};
}

bool isAnthropicClient(const HttpRequest& request)
{
    return request.path.startsWith(QLatin1String("/v1/messages")) || request.path.startsWith(QLatin1String("/messages"))
        || request.hasHeader("anthropic-version");
}

QJsonObject body(const ApiError& e)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("error")},
        {QStringLiteral("error"),
            QJsonObject {{QStringLiteral("type"), map(e).type}, {QStringLiteral("message"), e.message}}}};
}

} // namespace flarechat::MessagesError
