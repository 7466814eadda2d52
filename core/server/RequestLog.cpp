#include "RequestLog.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QRegularExpression>

namespace flarechat {

Q_LOGGING_CATEGORY(lcRequestLog, "flarechat.server.log")

namespace {
constexpr QLatin1String kMask("[redacted]");
}

QJsonObject RequestLogRecord::toJson() const
{
    QJsonObject o {
        {QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("client"), client},
        {QStringLiteral("method"), QString::fromLatin1(method)},
        {QStringLiteral("path"), path},
        {QStringLiteral("status"), status},
        {QStringLiteral("latency_ms"), latencyMs},
        {QStringLiteral("ttft_ms"), ttftMs >= 0 ? QJsonValue(ttftMs) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("prompt_tokens"), promptTokens},
        {QStringLiteral("completion_tokens"), completionTokens},
    };
    if (neurons >= 0)
        o.insert(QStringLiteral("neurons"), qRound64(neurons * 1000) / 1000.0);
    if (!model.isEmpty())
        o.insert(QStringLiteral("model"), model);
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    return o;
}

RequestLog::RequestLog(const QString& filePath, qint64 maxBytes, QObject* parent)
    : QObject(parent)
    , m_path(filePath)
    , m_maxBytes(maxBytes > 0 ? maxBytes : DefaultMaxBytes)
{
    // For queued connections from the server thread to the window.
    qRegisterMetaType<RequestLogRecord>();
}

RequestLog::~RequestLog() = default;

QString RequestLog::scrub(const QString& text)
{
    // Any sk-… key (ours or one a client meant for OpenAI), a Bearer token however it got into
    // a message, and the values of key-like query parameters.
    static const QRegularExpression skKey(QStringLiteral("\\bsk-[A-Za-z0-9_\\-]{8,}"));
    static const QRegularExpression bearer(
        QStringLiteral("(bearer)(\\s+|%20|\\+)[^\\s,;\"'&]+"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression param(
        QStringLiteral("((?:^|[?&;\\s])(?:api[_-]?key|key|token|access[_-]?token|auth|authorization)=)[^&\\s#]+"),
        QRegularExpression::CaseInsensitiveOption);
    if (text.isEmpty())
        return text;
    // Each pattern needs one of these; most texts (paths, model names, addresses) have none, and
    // this runs four times per request on the server's thread.
    if (!text.contains(QLatin1String("sk-")) && !text.contains(QLatin1String("bearer"), Qt::CaseInsensitive)
        && !text.contains(QLatin1Char('=')))
        return text;
    QString out = text;
    out.replace(skKey, kMask);
    out.replace(bearer, QStringLiteral("\\1 ") + kMask);
    out.replace(param, QStringLiteral("\\1") + kMask);
    return out;
}

RequestLogRecord RequestLog::scrubbed(RequestLogRecord record)
{
    record.path = scrub(record.path);
    record.model = scrub(record.model);
    record.client = scrub(record.client);
    record.error = scrub(record.error);
    record.note = scrub(record.note);
    for (auto& [name, value] : record.headers)
        value = redacted(name.toLower(), value);
    return record;
}

QByteArray RequestLog::redacted(const QByteArray& name, const QByteArray& value)
{
    static const QList<QByteArray> secret {"authorization", "proxy-authorization", "x-api-key", "api-key", "cookie",
        "set-cookie", "cf-aig-authorization", "x-auth-key", "x-auth-token"};
    if (!secret.contains(name))
        return scrub(QString::fromUtf8(value)).toUtf8();
    if (name.endsWith("authorization")) {
        const qsizetype space = value.indexOf(' ');
        if (space > 0)
            return value.left(space) + " [redacted]";
    }
    return "[redacted]";
}

void RequestLog::record(const RequestLogRecord& record)
{
    const RequestLogRecord clean = scrubbed(record);
    if (!m_path.isEmpty())
        writeLine(QJsonDocument(clean.toJson()).toJson(QJsonDocument::Compact) + '\n');
    Q_EMIT recorded(clean);
}

void RequestLog::writeLine(const QByteArray& line)
{
    QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen()) {
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        m_file.setFileName(m_path);
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
            if (!m_warned)
                qCWarning(lcRequestLog) << "cannot write the request log" << m_path << m_file.errorString();
            m_warned = true;
            return;
        }
        m_warned = false;
    }
    // Rotate before the line that would cross the cap, so the live file stays under it.
    if (m_file.size() > 0 && m_file.size() + line.size() > m_maxBytes) {
        m_file.close();
        const QString old = m_path + QStringLiteral(".1");
        QFile::remove(old);
        if (!QFile::rename(m_path, old))
            QFile::remove(m_path); // never let the log grow without bound
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
            if (!m_warned)
                qCWarning(lcRequestLog) << "cannot reopen the request log" << m_path << m_file.errorString();
            m_warned = true;
            return;
        }
    }
    m_file.write(line);
    m_file.flush();
}

} // namespace flarechat
