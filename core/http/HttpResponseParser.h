#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace flarechat {

// Incremental, bounded HTTP/1.1 response parser for the upstream client (HttpClient): bytes in,
// status, headers and the decoded body out, any split point allowed. Pure code, no sockets.
//
// Usage, per response:
//     parser.reset(isHeadRequest);
//     QByteArray body;
//     if (!parser.feed(socket->readAll(), &body)) { fail with errorString() }
//     if (parser.headComplete()) { status(), header("content-type") ... }
//     if (parser.isComplete()) { the response is whole; bytes after it are leftover() }
//     on EOF: parser.finishAtEof() says whether the body was complete (read-until-close bodies).
//
// Decisions (RFC 9112):
// * A line ends at LF; one CR right before it is dropped. Obs-fold continuation lines are joined
//   with a space. Header names are compared case-insensitively (stored lower case).
// * Interim 1xx responses (100 Continue, 103 Early Hints) are skipped, at most 16 of them; 101
//   is an error, as nothing here asks to switch protocols.
// * Framing: Transfer-Encoding whose last coding is "chunked" wins over Content-Length;
//   another Transfer-Encoding, or none and no Content-Length, is read until the connection
//   closes; differing repeated Content-Length values are an error. 1xx, 204 and 304 responses
//   and responses to HEAD have no body.
// * Limits: the status line and header section together at most maxHeadBytes, at most
//   maxHeaders fields, chunk-size lines at most maxChunkLine bytes (line endings counted).
//   The body itself is not limited here (the caller counts what it keeps).
// * After an error the parser stays in error and ignores further bytes.
class HttpResponseParser final
{
public:
    struct Limits
    {
        qsizetype maxHeadBytes = 64 * 1024;
        int maxHeaders = 200;
        qsizetype maxChunkLine = 4 * 1024;
    };

    HttpResponseParser();
    explicit HttpResponseParser(const Limits& limits);

    // Starts a new response on the same connection. headRequest: the request was HEAD.
    void reset(bool headRequest = false);

    // Parses bytes, appending decoded body bytes to *body. Stops at the end of the response:
    // bytes after it are kept in leftover() (a server sending them broke the protocol, or
    // pipelining, which HttpClient does not use). Returns false on a protocol error.
    bool feed(QByteArrayView bytes, QByteArray* body);
    // The peer closed the connection. Returns true if that ends the response properly (a body
    // read until close); false if the response was cut short (errorString() says where).
    bool finishAtEof();

    bool hasError() const { return m_state == State::Error; }
    QString errorString() const { return m_error; }
    bool headComplete() const { return m_state != State::StatusLine && m_state != State::Headers && !hasError(); }
    bool isComplete() const { return m_state == State::Done; }
    // Whether the response started, i.e. at least one byte of it arrived.
    bool started() const { return m_started; }

    int status() const { return m_status; }
    QByteArray reason() const { return m_reason; }
    int httpMinorVersion() const { return m_minor; }
    // The first value of a header (lower-case name), or a null array.
    QByteArray header(QByteArrayView lowerName) const;
    const QList<QPair<QByteArray, QByteArray>>& headers() const { return m_headers; }
    // The connection may carry another request after this response (HTTP/1.1 without
    // "Connection: close", HTTP/1.0 with "keep-alive", and the body's end known without EOF).
    bool keepAlive() const;
    // The body is delimited by the end of the connection.
    bool readsUntilClose() const { return m_framing == Framing::UntilClose; }
    qint64 contentLength() const { return m_framing == Framing::Length ? m_contentLength : -1; }
    bool isChunked() const { return m_framing == Framing::Chunked; }

    // Bytes after a complete response (before it completes, none: m_buffer holds a partial line).
    QByteArray leftover() const { return m_state == State::Done ? m_buffer : QByteArray(); }

private:
    enum class State { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Error };
    enum class Framing { None, Length, Chunked, UntilClose };

    bool fail(const QString& why);
    // Takes one line from m_buffer starting at m_pos into *line; false if no whole line yet.
    bool takeLine(QByteArray* line, qsizetype limit, const char* what);
    bool parseStatusLine(const QByteArray& line);
    bool parseHeaderLine(const QByteArray& line);
    bool endOfHead();

    Limits m_limits;
    State m_state = State::StatusLine;
    Framing m_framing = Framing::None;
    bool m_headRequest = false;
    bool m_started = false;
    QString m_error;

    QByteArray m_buffer; // bytes not yet parsed (head lines, chunk lines)
    qsizetype m_headBytes = 0;
    int m_status = 0;
    int m_minor = 1;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0; // of the Content-Length body or of the current chunk
    int m_trailers = 0;
    int m_interim = 0; // 1xx responses skipped
};

} // namespace flarechat
