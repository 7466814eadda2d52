#include "HttpResponseParser.h"

#include <cstring>

namespace flarechat {

namespace {

constexpr int kMaxInterimResponses = 16;

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v = v.chopped(1);
    return v;
}

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

// Whether a comma-separated header value holds a token (case-insensitive).
bool hasToken(QByteArrayView list, QByteArrayView token)
{
    qsizetype start = 0;
    while (start <= list.size()) {
        qsizetype comma = start;
        while (comma < list.size() && list.at(comma) != ',')
            ++comma;
        if (trimmed(list.sliced(start, comma - start)).compare(token, Qt::CaseInsensitive) == 0)
            return true;
        start = comma + 1;
    }
    return false;
}

// The last coding of a Transfer-Encoding list.
QByteArrayView lastToken(QByteArrayView list)
{
    const qsizetype comma = QByteArrayView(list).lastIndexOf(',');
    return trimmed(comma < 0 ? list : list.sliced(comma + 1));
}

} // namespace

HttpResponseParser::HttpResponseParser()
    : HttpResponseParser(Limits())
{
}

HttpResponseParser::HttpResponseParser(const Limits& limits)
    : m_limits(limits)
{
}

void HttpResponseParser::reset(bool headRequest)
{
    m_state = State::StatusLine;
    m_framing = Framing::None;
    m_headRequest = headRequest;
    m_started = false;
    m_error.clear();
    m_buffer.clear();
    m_headBytes = 0;
    m_status = 0;
    m_minor = 1;
    m_reason.clear();
    m_headers.clear();
    m_contentLength = -1;
    m_remaining = 0;
    m_trailers = 0;
    m_interim = 0;
}

bool HttpResponseParser::fail(const QString& why)
{
    m_state = State::Error;
    m_error = why;
    m_buffer.clear();
    return false;
}

QByteArray HttpResponseParser::header(QByteArrayView lowerName) const
{
    for (const auto& h : m_headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

bool HttpResponseParser::keepAlive() const
{
    if (m_state == State::Error || m_framing == Framing::UntilClose)
        return false;
    // Repeated fields make one list (RFC 9110 §5.3).
    bool keepAliveToken = false;
    for (const auto& h : m_headers) {
        if (h.first != "connection")
            continue;
        if (hasToken(h.second, "close"))
            return false;
        keepAliveToken = keepAliveToken || hasToken(h.second, "keep-alive");
    }
    return m_minor >= 1 || keepAliveToken;
}

bool HttpResponseParser::feed(QByteArrayView bytes, QByteArray* body)
{
    if (m_state == State::Error)
        return false;
    if (bytes.isEmpty())
        return true;
    m_started = true;
    if (m_state == State::Done) {
        m_buffer.append(bytes);
        return true;
    }

    // Bytes left over from the last call (a partial line) go first. Body bytes are copied
    // straight from the input to *body.
    QByteArray joined;
    QByteArrayView work = bytes;
    if (!m_buffer.isEmpty()) {
        joined = std::exchange(m_buffer, QByteArray());
        joined.append(bytes);
        work = joined;
    }

    qsizetype pos = 0;
    while (pos < work.size()) {
        switch (m_state) {
        case State::StatusLine:
        case State::Headers:
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailers: {
            const char* start = work.data() + pos;
            const void* nl = std::memchr(start, '\n', static_cast<size_t>(work.size() - pos));
            const bool chunkLine = m_state == State::ChunkSize || m_state == State::ChunkDataEnd;
            // The bytes a line may still take, its LF included.
            const qsizetype limit = chunkLine ? m_limits.maxChunkLine : m_limits.maxHeadBytes - m_headBytes;
            // The same error whether the line is whole or still partial, so any split gives it.
            const auto tooLong = [&] {
                return fail(chunkLine
                        ? QStringLiteral("a chunk-size line longer than %1 bytes").arg(m_limits.maxChunkLine)
                        : QStringLiteral("a response head larger than %1 bytes").arg(m_limits.maxHeadBytes));
            };
            if (!nl) {
                if (work.size() - pos >= limit) // its LF is still to come
                    return tooLong();
                m_buffer = work.sliced(pos).toByteArray();
                return true;
            }
            const qsizetype end = static_cast<const char*>(nl) - work.data();
            QByteArrayView line = work.sliced(pos, end - pos);
            if (line.size() + 1 > limit)
                return tooLong();
            pos = end + 1;
            if (m_state != State::ChunkSize && m_state != State::ChunkDataEnd)
                m_headBytes += line.size() + 1;
            if (!line.isEmpty() && line.back() == '\r')
                line = line.chopped(1);

            if (m_state == State::StatusLine) {
                if (line.isEmpty() && m_status == 0 && m_headBytes <= 4)
                    break; // tolerate stray line endings before the status line
                if (!parseStatusLine(line.toByteArray()))
                    return false;
            } else if (m_state == State::Headers) {
                if (line.isEmpty()) {
                    if (!endOfHead())
                        return false;
                } else if (!parseHeaderLine(line.toByteArray())) {
                    return false;
                }
            } else if (m_state == State::ChunkSize) {
                qsizetype n = 0;
                qint64 size = 0;
                while (n < line.size()) {
                    const char c = line.at(n);
                    int digit;
                    if (c >= '0' && c <= '9')
                        digit = c - '0';
                    else if (c >= 'a' && c <= 'f')
                        digit = c - 'a' + 10;
                    else if (c >= 'A' && c <= 'F')
                        digit = c - 'A' + 10;
                    else
                        break;
                    if (n >= 15)
                        return fail(QStringLiteral("a chunk size too large"));
                    size = size * 16 + digit;
                    ++n;
                }
                const QByteArrayView rest = trimmed(line.sliced(n));
                if (n == 0 || (!rest.isEmpty() && rest.front() != ';'))
                    return fail(QStringLiteral("a malformed chunk-size line"));
                if (size == 0) {
                    m_state = State::Trailers;
                } else {
                    m_remaining = size;
                    m_state = State::ChunkData;
                }
            } else if (m_state == State::ChunkDataEnd) {
                if (!line.isEmpty())
                    return fail(QStringLiteral("chunk data longer than its size"));
                m_state = State::ChunkSize;
            } else { // Trailers
                if (line.isEmpty())
                    m_state = State::Done;
                else if (++m_trailers > m_limits.maxHeaders) // trailers are read and dropped
                    return fail(QStringLiteral("more than %1 trailer fields").arg(m_limits.maxHeaders));
            }
            break;
        }
        case State::Body:
        case State::ChunkData: {
            qsizetype n = work.size() - pos;
            if (m_framing != Framing::UntilClose)
                n = static_cast<qsizetype>(qMin<qint64>(n, m_remaining));
            body->append(work.sliced(pos, n));
            pos += n;
            if (m_framing == Framing::UntilClose)
                break;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
            break;
        }
        case State::Done:
            m_buffer = work.sliced(pos).toByteArray();
            return true;
        case State::Error:
            return false;
        }
    }
    return true;
}

bool HttpResponseParser::parseStatusLine(const QByteArray& line)
{
    // HTTP/1.x SP 3DIGIT SP reason (the reason may be empty, the SP before it missing).
    if (line.size() < 12 || !line.startsWith("HTTP/1.") || line.at(8) != ' ')
        return fail(QStringLiteral("not an HTTP/1.x response"));
    const char minor = line.at(7);
    if (minor < '0' || minor > '9')
        return fail(QStringLiteral("not an HTTP/1.x response"));
    m_minor = minor - '0';
    int status = 0;
    for (int i = 9; i < 12; ++i) {
        const char c = line.at(i);
        if (c < '0' || c > '9')
            return fail(QStringLiteral("a malformed status code"));
        status = status * 10 + (c - '0');
    }
    if (status < 100 || (line.size() > 12 && line.at(12) != ' '))
        return fail(QStringLiteral("a malformed status line"));
    m_status = status;
    m_reason = line.size() > 13 ? line.mid(13) : QByteArray();
    m_state = State::Headers;
    return true;
}

bool HttpResponseParser::parseHeaderLine(const QByteArray& line)
{
    if (line.front() == ' ' || line.front() == '\t') {
        // obs-fold: a continuation of the previous field's value
        if (m_headers.isEmpty())
            return fail(QStringLiteral("a folded line before any header field"));
        m_headers.last().second += ' ' + trimmed(line).toByteArray();
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return fail(QStringLiteral("a malformed header line"));
    for (qsizetype i = 0; i < colon; ++i) {
        if (!isTokenChar(line.at(i)))
            return fail(QStringLiteral("a malformed header name"));
    }
    if (m_headers.size() >= m_limits.maxHeaders)
        return fail(QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaders));
    m_headers.append({line.left(colon).toLower(), trimmed(QByteArrayView(line).sliced(colon + 1)).toByteArray()});
    return true;
}

bool HttpResponseParser::endOfHead()
{
    if (m_status < 200) {
        if (m_status == 101)
            return fail(QStringLiteral("an unexpected protocol switch (101)"));
        // An interim response: the real one follows (after a bounded number of them).
        if (++m_interim > kMaxInterimResponses)
            return fail(QStringLiteral("more than %1 interim (1xx) responses").arg(kMaxInterimResponses));
        m_headers.clear();
        m_status = 0;
        m_reason.clear();
        m_headBytes = 0;
        m_state = State::StatusLine;
        return true;
    }

    qint64 length = -1;
    bool transferEncoding = false;
    bool chunked = false; // the last coding of all Transfer-Encoding fields (one list) is chunked
    for (const auto& h : std::as_const(m_headers)) {
        if (h.first == "transfer-encoding") {
            transferEncoding = true;
            chunked = lastToken(h.second).compare("chunked", Qt::CaseInsensitive) == 0;
        } else if (h.first == "content-length") {
            // "5" or a list of equal values ("5, 5", RFC 9110 §8.6)
            qsizetype start = 0;
            const QByteArray& v = h.second;
            while (start <= v.size()) {
                qsizetype comma = v.indexOf(',', start);
                if (comma < 0)
                    comma = v.size();
                const QByteArrayView part = trimmed(QByteArrayView(v).sliced(start, comma - start));
                if (part.isEmpty() || part.size() > 18)
                    return fail(QStringLiteral("an invalid Content-Length"));
                qint64 n = 0;
                for (char c : part) {
                    if (c < '0' || c > '9')
                        return fail(QStringLiteral("an invalid Content-Length"));
                    n = n * 10 + (c - '0');
                }
                if (length >= 0 && n != length)
                    return fail(QStringLiteral("conflicting Content-Length values"));
                length = n;
                start = comma + 1;
            }
        }
    }

    m_headBytes = 0;
    if (m_headRequest || m_status == 204 || m_status == 304) {
        m_framing = Framing::None;
        m_state = State::Done;
    } else if (chunked) {
        m_framing = Framing::Chunked;
        m_state = State::ChunkSize;
    } else if (transferEncoding) {
        m_framing = Framing::UntilClose; // a coding we do not decode: the body ends with the connection
        m_state = State::Body;
    } else if (length >= 0) {
        m_framing = Framing::Length;
        m_contentLength = length;
        m_remaining = length;
        m_state = length == 0 ? State::Done : State::Body;
    } else {
        m_framing = Framing::UntilClose;
        m_state = State::Body;
    }
    return true;
}

bool HttpResponseParser::finishAtEof()
{
    if (m_state == State::Done)
        return true;
    if (m_state == State::Error)
        return false;
    if (m_state == State::Body && m_framing == Framing::UntilClose) {
        m_state = State::Done;
        return true;
    }
    if (!m_started)
        return fail(QStringLiteral("the connection closed before any response"));
    if (!headComplete())
        return fail(QStringLiteral("the connection closed in the middle of the response head"));
    return fail(QStringLiteral("the connection closed before the response body was complete"));
}

} // namespace flarechat
