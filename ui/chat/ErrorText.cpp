#include "ErrorText.h"

#include "openai/ApiError.h"

#include <QCoreApplication>

namespace flarechat {

namespace {

// A sentence per error code, for a window that speaks another language than Workers AI's (and
// FlareChat's API) English messages: the translated sentence leads, the original follows.
struct ErrorHeadline
{
    QLatin1String code; // one of core's (openai/ErrorCodes.h)
    const char* text;
};
constexpr ErrorHeadline kErrorHeadlines[] = {
    {ErrorCode::UpstreamUnreachable,
        QT_TRANSLATE_NOOP("flarechat::ChatController",
            "Could not reach Workers AI. Check the internet connection and the proxy settings.")},
    {ErrorCode::UpstreamTimeout, QT_TRANSLATE_NOOP("flarechat::ChatController", "Workers AI did not answer in time.")},
    {ErrorCode::ProxyUnreachable,
        QT_TRANSLATE_NOOP("flarechat::ChatController", "Could not reach the proxy. Check the proxy settings.")},
    {ErrorCode::ProxyAuthenticationFailed,
        QT_TRANSLATE_NOOP("flarechat::ChatController",
            "The proxy refused the user name or password. Check them in the proxy settings.")},
    {ErrorCode::UpstreamAuthenticationFailed,
        QT_TRANSLATE_NOOP("flarechat::ChatController", "Cloudflare rejected the API token. Check it in Settings.")},
    {ErrorCode::PermissionDenied,
        QT_TRANSLATE_NOOP("flarechat::ChatController", "This API token is not allowed to use Workers AI.")},
    {ErrorCode::AccountNotFound,
        QT_TRANSLATE_NOOP(
            "flarechat::ChatController", "Cloudflare does not know this account id. Check it in Settings.")},
    {ErrorCode::ModelNotFound, QT_TRANSLATE_NOOP("flarechat::ChatController", "Workers AI does not know this model.")},
    {ErrorCode::ModelRequiresPaidPlan,
        QT_TRANSLATE_NOOP("flarechat::ChatController", "This model needs a paid Workers AI plan.")},
    {ErrorCode::ModelAgreementRequired,
        QT_TRANSLATE_NOOP("flarechat::ChatController", "This model's license has to be accepted first.")},
    {ErrorCode::InsufficientQuota,
        QT_TRANSLATE_NOOP("flarechat::ChatController", "Today's free Workers AI allocation is used up.")},
    {ErrorCode::RateLimitExceeded,
        QT_TRANSLATE_NOOP("flarechat::ChatController", "Workers AI is busy, or the rate limit was reached.")},
    {ErrorCode::RequestTooLarge,
        QT_TRANSLATE_NOOP("flarechat::ChatController", "The request is too large for Workers AI.")},
    {ErrorCode::MissingCredentials,
        QT_TRANSLATE_NOOP("flarechat::ChatController",
            "No Cloudflare account id and API token are set. Open Settings to enter them.")},
};

} // namespace

QList<QLatin1String> ErrorText::translatedCodes()
{
    QList<QLatin1String> codes;
    for (const ErrorHeadline& h : kErrorHeadlines)
        codes.append(h.code);
    return codes;
}

QString ErrorText::describe(const ApiError& error)
{
    QString text = error.message.isEmpty()
        ? QCoreApplication::translate("flarechat::ChatController", "The request failed.")
        : error.message;
    for (const ErrorHeadline& h : kErrorHeadlines) {
        if (error.code != h.code)
            continue;
        const QString translated = QCoreApplication::translate("flarechat::ChatController", h.text);
        if (translated != QLatin1String(h.text)) // another language: its sentence first
            text = error.message.isEmpty() ? translated : translated + QStringLiteral(" (") + error.message + u')';
        break;
    }
    if (error.retryAfterSeconds > 0)
        text += QLatin1Char(' ')
            + QCoreApplication::translate(
                "flarechat::ChatController", "Try again in %n second(s).", nullptr, error.retryAfterSeconds);
    if (error.httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(error.httpStatus);
    return text;
}

} // namespace flarechat
