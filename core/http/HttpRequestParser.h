#pragma once

#include "http/HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>

namespace flarechat {

// Incremental, strict and bounded HTTP/1.1 request parser for the local API server (the
// qBittorrent requestparser idea, made incremental): bytes in, whole requests out, any split
// point allowed, pipelined requests handed out one at a time in order. Pure code, no sockets.
//
// Usage, per connection:
//     Status s = parser.feed(socket->readAll());
//     if (parser.needsContinue()) { write "HTTP/1.1 100 Continue\r\n\r\n"; parser.acknowledgeContinue(); }
//     while (s == Status::Complete) { handle(parser.takeRequest()); s = parser.status(); }
//     if (s == Status::Error) { answer errorStatus() / errorReason(), then close }
//
// Decisions (RFC 9112 unless noted):
// * A line ends at LF; one CR right before it is dropped. Bare LF is accepted everywhere a line
//   ends (head, chunk-size lines, trailers: §2.2 allows it, and one rule for all lines leaves no
//   gap between two framings); a CR anywhere else is an error.
// * Empty lines before a request line are skipped (§2.2). Separators in the request line are
//   exactly one SP. Obs-fold, whitespace before the colon, non-token names, control characters
//   in values and a missing or repeated Host on HTTP/1.1 (§3.2) are 400.
// * Versions: HTTP/1.0 and 1.1; HTTP/1.x with x > 1 is served as 1.1 (RFC 9110 §2.5); any
//   other major version is 505.
// * Targets: origin-form, "*" for OPTIONS only, and absolute-form (http/https, no userinfo)
//   whose path and query are used and whose authority goes to HttpRequest::authority.
//   Bytes 0x21-0x7E only, no '#', every '%' followed by two hex digits. The path is
//   percent-decoded and must be valid UTF-8 without NUL; ".." is kept as sent.
// * Framing: Content-Length (repeats allowed only when equal) or Transfer-Encoding ending in a
//   single "chunked"; both together is 400 (request smuggling), chunked not last is 400, other
//   codings are 501, Transfer-Encoding on HTTP/1.0 is 400. No framing means no body.
// * Limits count line content without its line ending. Over maxRequestLine is 414; header
//   section bytes or count over their limits is 431 (trailers have a budget of their own);
//   a body over maxBodyBytes is 413, known from Content-Length before any body byte is read
//   and from each chunk size before its data. A partial line is judged as soon as it must
//   exceed its limit, so a client cannot make the parser buffer more than the limits.
// * After Error the parser stays in error and drops further bytes: the connection must close.
// * While a completed request waits for takeRequest(), feed() only buffers. The server should
//   stop reading the socket meanwhile (bufferedBytes() tells how much is waiting).
class HttpRequestParser final
{
public:
    struct Limits
    {
        qsizetype maxRequestLine = 8 * 1024;
        qsizetype maxHeaderBytes = 64 * 1024; // all header lines together (and, apart, all trailers)
        int maxHeaders = 100; // header fields (and, apart, trailer fields)
        qsizetype maxBodyBytes = 32 * 1024 * 1024;
        qsizetype maxChunkLine = 4 * 1024; // one chunk-size line with its extensions
        qsizetype maxChunkExtensions = 16 * 1024; // extension bytes of all chunks of one request
    };

    enum class Status { Incomplete, Complete, Error };

    HttpRequestParser();
    explicit HttpRequestParser(const Limits& limits);

    // Appends bytes and parses as far as they go. Returns Complete when a request is ready for
    // takeRequest(), Incomplete when more bytes are needed, Error when the input was refused.
    Status feed(QByteArrayView bytes);
    Status status() const { return m_status; }

    // Hands out the completed request and at once parses the next one from the bytes already
    // buffered (pipelining): status() then tells about that next request.
    HttpRequest takeRequest();

    // The request being parsed: its head is valid once headersComplete() is true, so the server
    // can route or authenticate before asking for the body.
    const HttpRequest& request() const { return m_request; }
    // The head is parsed and its body is still being received.
    bool headersComplete() const;
    // The head asked for "100 Continue" and no body byte has arrived nor was the answer sent.
    bool needsContinue() const;
    // The server wrote "100 Continue" (or decided not to): needsContinue() turns false.
    void acknowledgeContinue() { m_continueAnswered = true; }

    // Between requests with no byte of the next one buffered: the server's idle keep-alive
    // timeout applies rather than the header read timeout.
    bool isIdle() const;
    // Bytes received and not yet turned into a request.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }

    int errorStatus() const { return m_errorStatus; } // HTTP status to answer with, 0 if none
    QByteArray errorReason() const { return m_errorReason; } // short ASCII phrase, safe in a reply
    const Limits& limits() const { return m_limits; }

private:
    enum class State { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done };

    Status advance();
    void appendBody(const char* data, qsizetype n);
    bool takeLine(QByteArrayView& line);
    qsizetype pendingLineContent() const;
    Status fail(int status, const char* reason);
    bool parseRequestLine(QByteArrayView line);
    bool parseTarget(QByteArrayView target);
    bool parseFieldLine(QByteArrayView line, HttpRequest::Header* out);
    bool finishHead();
    bool parseChunkSize(QByteArrayView line);
    void resetMessage();

    Limits m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0; // read offset into m_buffer: bytes before it are consumed
    qsizetype m_scanned = 0; // bytes after m_pos already searched for LF, so no byte is scanned twice
    State m_state = State::RequestLine;
    Status m_status = Status::Incomplete;
    HttpRequest m_request;
    qsizetype m_sectionBytes = 0; // header (or trailer) bytes so far
    int m_sectionFields = 0; // header (or trailer) fields so far
    qint64 m_remaining = 0; // body or chunk bytes still to read
    qsizetype m_extensionBytes = 0;
    bool m_continueAnswered = false;
    bool m_bodyStarted = false; // a byte after the head was received
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};

} // namespace flarechat
