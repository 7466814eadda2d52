#include "ApiError.h"

namespace flarechat {

QJsonObject ApiError::toJson() const
{
    QJsonObject err {
        {QStringLiteral("message"), message},
        {QStringLiteral("type"), type.isEmpty() ? ErrorType::Api : type},
        {QStringLiteral("param"), param.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(param)},
        {QStringLiteral("code"), code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code)},
    };
    return QJsonObject {{QStringLiteral("error"), err}};
}

ApiError ApiError::invalidRequest(const QString& message, const QString& param, const QString& code)
{
    ApiError e;
    e.httpStatus = 400;
    e.type = ErrorType::InvalidRequest;
    e.message = message;
    e.param = param;
    e.code = code;
    return e;
}

ApiError ApiError::notFound(const QString& message, const QString& code)
{
    ApiError e;
    e.httpStatus = 404;
    e.type = ErrorType::InvalidRequest;
    e.message = message;
    e.code = code;
    return e;
}

ApiError ApiError::server(const QString& message, const QString& code)
{
    ApiError e;
    e.httpStatus = 500;
    e.type = ErrorType::Server;
    e.message = message;
    e.code = code;
    return e;
}

ApiError ApiError::upstream(int httpStatus, const QString& type, const QString& message, const QString& code)
{
    ApiError e;
    e.httpStatus = httpStatus;
    e.type = type;
    e.message = message;
    e.code = code;
    return e;
}

ApiError ApiError::shuttingDown()
{
    ApiError e = server(QStringLiteral("The server is shutting down."), ErrorCode::ServerShuttingDown);
    e.httpStatus = 503;
    return e;
}

} // namespace flarechat
