#include "JsonFieldReader.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace flarechat {

QString JsonFieldReader::typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// Absent and null mean the same thing for every optional field: OpenAI's SDKs send null for
// parameters a caller set to None/undefined, and some clients send every field explicitly.
bool JsonFieldReader::isAbsent(const QJsonValue& v)
{
    return v.isUndefined() || v.isNull();
}

QString JsonFieldReader::formatNumber(double d)
{
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

JsonFieldReader::JsonFieldReader(ApiError* error)
    : m_error(error)
{
}

bool JsonFieldReader::fail(const QString& path, const QString& what)
{
    if (m_error)
        *m_error = ApiError::invalidRequest(path + QStringLiteral(": ") + what, path);
    return false;
}

bool JsonFieldReader::failType(const QString& path, const QString& expected, const QJsonValue& got)
{
    return fail(path, QStringLiteral("expected %1, got %2").arg(expected, typeName(got)));
}

bool JsonFieldReader::optString(const QJsonValue& v, const QString& path, QString* out)
{
    if (isAbsent(v))
        return true;
    if (!v.isString())
        return failType(path, QStringLiteral("a string"), v);
    *out = v.toString();
    return true;
}

bool JsonFieldReader::optBool(const QJsonValue& v, const QString& path, std::optional<bool>* out)
{
    if (isAbsent(v))
        return true;
    if (!v.isBool())
        return failType(path, QStringLiteral("a boolean (true or false)"), v);
    *out = v.toBool();
    return true;
}

bool JsonFieldReader::optNumber(
    const QJsonValue& v, const QString& path, double min, double max, std::optional<double>* out)
{
    if (isAbsent(v))
        return true;
    if (!v.isDouble())
        return failType(path, QStringLiteral("a number"), v);
    const double d = v.toDouble();
    if (!(d >= min && d <= max)) {
        return fail(path,
            QStringLiteral("must be between %1 and %2, got %3")
                .arg(formatNumber(min), formatNumber(max), formatNumber(d)));
    }
    *out = d;
    return true;
}

// A whole number; JSON clients often send 100.0 for 100, which is fine, 1.5 is not.
bool JsonFieldReader::optInteger(const QJsonValue& v, const QString& path, std::optional<qint64>* out)
{
    if (isAbsent(v))
        return true;
    if (!v.isDouble())
        return failType(path, QStringLiteral("an integer"), v);
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d)
        return fail(path, QStringLiteral("expected an integer, got %1").arg(formatNumber(d)));
    // 2^63 is exactly representable; anything at or beyond it does not fit a qint64.
    constexpr double limit = 9223372036854775808.0;
    if (d < -limit || d >= limit)
        return fail(path, QStringLiteral("%1 is out of range for a 64-bit integer").arg(formatNumber(d)));
    *out = v.toInteger(qint64(d));
    return true;
}

bool JsonFieldReader::optInt(const QJsonValue& v, const QString& path, qint64 min, std::optional<int>* out)
{
    std::optional<qint64> n;
    if (!optInteger(v, path, &n))
        return false;
    if (!n)
        return true;
    if (*n < min)
        return fail(path, QStringLiteral("must be at least %1, got %2").arg(min).arg(*n));
    if (*n > std::numeric_limits<int>::max()) {
        return fail(path, QStringLiteral("must be at most %1, got %2").arg(std::numeric_limits<int>::max()).arg(*n));
    }
    *out = int(*n);
    return true;
}

} // namespace flarechat
