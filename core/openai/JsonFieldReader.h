#pragma once

#include "openai/ApiError.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace flarechat {

// The strict field checks every wire reader is built from (OpenAI chat, completions, embeddings;
// next Anthropic Messages and Responses): each reads one optional field of a JSON body into a C++
// value or reports the first error as a 400 invalid_request_error naming the parameter's path,
// e.g. "messages[2].content: expected a string, got a number". Every check returns false once it
// has reported, so a reader is a chain of `if (!check(...)) return false;`.
class JsonFieldReader
{
public:
    explicit JsonFieldReader(ApiError* error);

    bool fail(const QString& path, const QString& what);
    bool failType(const QString& path, const QString& expected, const QJsonValue& got);
    bool optString(const QJsonValue& v, const QString& path, QString* out);
    bool optBool(const QJsonValue& v, const QString& path, std::optional<bool>* out);
    bool optNumber(const QJsonValue& v, const QString& path, double min, double max, std::optional<double>* out);
    // A whole number; JSON clients often send 100.0 for 100, which is fine, 1.5 is not.
    bool optInteger(const QJsonValue& v, const QString& path, std::optional<qint64>* out);
    bool optInt(const QJsonValue& v, const QString& path, qint64 min, std::optional<int>* out);

    // Absent and null mean the same thing for every optional field: OpenAI's SDKs send null for
    // parameters a caller set to None/undefined, and some clients send every field explicitly.
    static bool isAbsent(const QJsonValue& v);
    static QString typeName(const QJsonValue& v); // "a string", "an array", "null"...
    static QString formatNumber(double d);

protected:
    ApiError* m_error;
};

} // namespace flarechat
