#pragma once

#include <QDateTime>
#include <QFile>
#include <QJsonObject>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>

namespace flarechat {

// One answered request as the server's log sees it. There is deliberately no field for bodies;
// the request's headers are kept for the window's log view (not the file) with every credential
// header's value replaced, and free-text fields are scrubbed all the same.
struct RequestLogRecord
{
    QDateTime time;
    QString client; // "ip:port"
    QByteArray method;
    QString path;
    QString model;
    int status = 0;
    qint64 latencyMs = 0;
    qint64 ttftMs = -1; // time to first token, -1 when there was none (non-stream, error)
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double neurons = -1; // estimated from the usage and the model's prices; -1 when unknown
    QString error;
    QString note; // what else the client should know, e.g. "model replaced: old -> new"
    QList<QPair<QByteArray, QByteArray>> headers; // the request's, in order; redacted (RequestLog::redacted)

    QJsonObject toJson() const; // the file's line format
};

// The server's request log: record() is called on the server thread for every answered
// request; it emits recorded() (queued to the window's log view) and appends a JSON line to a
// size-capped file that is rotated to "<file>.1". Thread-safe. Key- and token-shaped text in
// path, model, client and error is masked before a record goes anywhere.
class RequestLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLog)

public:
    static constexpr qint64 DefaultMaxBytes = 5 * 1024 * 1024;

    // An empty filePath keeps the log in signals only.
    explicit RequestLog(const QString& filePath = {}, qint64 maxBytes = DefaultMaxBytes, QObject* parent = nullptr);
    ~RequestLog() override;

    QString filePath() const { return m_path; }
    qint64 maxBytes() const { return m_maxBytes; }

    void record(const RequestLogRecord& record);

    // Masks sk-… keys, Bearer tokens and key-like query parameters ("?key=…", "token=…").
    static QString scrub(const QString& text);
    static RequestLogRecord scrubbed(RequestLogRecord record);
    // A header's value as the log may show it: "[redacted]" for a credential (Authorization,
    // x-api-key, cookies, …; an Authorization keeps its scheme), scrub() for anything else.
    static QByteArray redacted(const QByteArray& lowerCaseName, const QByteArray& value);

Q_SIGNALS:
    void recorded(const flarechat::RequestLogRecord& record);

private:
    void writeLine(const QByteArray& line);

    const QString m_path;
    const qint64 m_maxBytes;
    QMutex m_mutex; // guards m_file
    QFile m_file;
    bool m_warned = false;
};

} // namespace flarechat

Q_DECLARE_METATYPE(flarechat::RequestLogRecord)
