#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>

namespace flarechat::test {

// Incremental HTTP/1.1 request reader for the fake servers in tests: bytes in, whole requests
// out, any split point allowed. Bodies by Content-Length or chunked transfer coding. Bounded:
// a head over maxHeadBytes or a body over maxBodyBytes is an error, never unbounded growth.
class HttpRequestReader final
{
public:
    struct Request
    {
        QByteArray method; // "POST"
        QByteArray target; // raw request target, "/client/v4/...?a=b"
        QByteArray version; // "HTTP/1.1"
        QList<QPair<QByteArray, QByteArray>> headerList; // in arrival order, names as sent
        QHash<QByteArray, QByteArray> headers; // lower-case names, repeated fields joined by ", "
        QByteArray body; // de-chunked
        bool keepAlive = true; // false for "Connection: close" or HTTP/1.0 without keep-alive
    };
    enum class State { Incomplete, Complete, Error };

    explicit HttpRequestReader(qsizetype maxHeadBytes = 64 * 1024, qsizetype maxBodyBytes = 32 * 1024 * 1024);

    // Appends bytes and parses as far as possible. Bytes past a complete request stay buffered
    // (pipelining): call takeRequest(), then parse() again.
    State feed(const QByteArray& bytes);
    State parse();
    // The complete request; resets the reader for the next one.
    Request takeRequest();

    State state() const { return m_state; }
    // After Error: the HTTP status to answer with (400, 413, 431, 501) and a short reason.
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorText() const { return m_errorText; }
    // True once the head of a request carrying "Expect: 100-continue" is read and its body is not.
    bool expectsContinue() const { return m_phase != Phase::Head && m_expectContinue; }
    bool hasBufferedBytes() const { return !m_buffer.isEmpty(); }
    void setMaxBodyBytes(qsizetype bytes) { m_maxBody = bytes; }

private:
    enum class Phase { Head, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Done };

    bool parseHead(const QByteArray& head);
    State fail(int status, const QByteArray& text);
    qsizetype findLineEnd(qsizetype from, qsizetype* eolLength) const;

    qsizetype m_maxHead;
    qsizetype m_maxBody;
    QByteArray m_buffer;
    Phase m_phase = Phase::Head;
    State m_state = State::Incomplete;
    Request m_request;
    qint64 m_remaining = 0; // bytes left in the fixed body or the current chunk
    bool m_expectContinue = false;
    int m_errorStatus = 0;
    QByteArray m_errorText;
};

} // namespace flarechat::test
