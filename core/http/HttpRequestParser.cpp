#include "HttpRequestParser.h"

#include <QStringDecoder>

#include <cstring>
#include <utility>

namespace flarechat {

namespace {

// RFC 9110 §5.6.2 tchar, as a table so names and methods are checked without branching per class.
struct TokenTable
{
    bool ok[256] = {};
    constexpr TokenTable()
    {
        for (int c = '0'; c <= '9'; ++c)
            ok[c] = true;
        for (int c = 'a'; c <= 'z'; ++c)
            ok[c] = true;
        for (int c = 'A'; c <= 'Z'; ++c)
            ok[c] = true;
        for (char c : {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'})
            ok[static_cast<unsigned char>(c)] = true;
    }
};
constexpr TokenTable kToken;

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!kToken.ok[static_cast<unsigned char>(c)])
            return false;
    }
    return true;
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimOws(QByteArrayView s)
{
    qsizetype b = 0;
    qsizetype e = s.size();
    while (b < e && isOws(s[b]))
        ++b;
    while (e > b && isOws(s[e - 1]))
        --e;
    return s.sliced(b, e - b);
}

// Field values and chunk extensions: visible ASCII, obs-text, SP and HTAB; no other control byte
// (CR, LF, NUL and DEL are how header injection and smuggling get in).
bool isFieldText(QByteArrayView s)
{
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return false;
    }
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Splits a list field value (RFC 9110 §5.6.1) into its non-empty, OWS-trimmed elements.
QList<QByteArrayView> listElements(QByteArrayView value)
{
    QList<QByteArrayView> out;
    qsizetype start = 0;
    while (start <= value.size()) {
        qsizetype comma = value.indexOf(',', start);
        if (comma < 0)
            comma = value.size();
        const QByteArrayView item = trimOws(value.sliced(start, comma - start));
        if (!item.isEmpty())
            out.append(item);
        start = comma + 1;
    }
    return out;
}

bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

HttpRequestParser::HttpRequestParser()
    : HttpRequestParser(Limits {})
{
}

HttpRequestParser::HttpRequestParser(const Limits& limits)
    : m_limits(limits)
{
}

HttpRequestParser::Status HttpRequestParser::feed(QByteArrayView bytes)
{
    if (m_status == Status::Error)
        return m_status;
    if (m_status == Status::Incomplete && (m_state == State::Body || m_state == State::ChunkData)
        && m_pos == m_buffer.size() && !bytes.isEmpty()) {
        // Body bytes with nothing buffered before them go straight into the body, so a large
        // upload is copied once rather than through the buffer as well.
        const qsizetype n = qsizetype(qMin<qint64>(bytes.size(), m_remaining));
        appendBody(bytes.data(), n);
        bytes = bytes.sliced(n);
        if (m_remaining == 0)
            m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
    }
    if (m_pos == m_buffer.size()) {
        // Everything before was consumed: start over rather than moving bytes around.
        m_buffer.clear();
        m_pos = 0;
    } else if (m_pos > 0 && m_pos >= m_buffer.size() / 2) {
        // Compact only when the consumed prefix is at least as big as what stays, so the
        // memmove cost is amortised over the bytes already parsed.
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
    if (m_status == Status::Complete)
        return m_status;
    m_status = advance();
    return m_status;
}

HttpRequest HttpRequestParser::takeRequest()
{
    if (m_status != Status::Complete)
        return {};
    HttpRequest done = std::move(m_request);
    resetMessage();
    m_status = advance();
    return done;
}

bool HttpRequestParser::headersComplete() const
{
    return m_status == Status::Incomplete && m_state != State::RequestLine && m_state != State::Headers;
}

bool HttpRequestParser::needsContinue() const
{
    return headersComplete() && !m_bodyStarted && !m_continueAnswered && m_request.expectsContinue();
}

bool HttpRequestParser::isIdle() const
{
    return m_status == Status::Incomplete && m_state == State::RequestLine && m_pos == m_buffer.size();
}

void HttpRequestParser::resetMessage()
{
    m_request = HttpRequest {};
    m_state = State::RequestLine;
    m_sectionBytes = 0;
    m_sectionFields = 0;
    m_remaining = 0;
    m_extensionBytes = 0;
    m_continueAnswered = false;
    m_bodyStarted = false;
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const char* reason)
{
    m_errorStatus = status;
    m_errorReason = QByteArray(reason);
    m_state = State::Done;
    m_buffer = QByteArray(); // release memory: nothing after an error is ever parsed
    m_pos = 0;
    m_scanned = 0;
    return Status::Error;
}

void HttpRequestParser::appendBody(const char* data, qsizetype n)
{
    // finishHead() reserved at most 1 MiB of a declared length; a client that has really sent
    // that much gets the rest reserved at once instead of a string of reallocations.
    if (m_state == State::Body && m_request.body.size() + n > m_request.body.capacity())
        m_request.body.reserve(m_request.body.size() + qsizetype(m_remaining));
    m_request.body.append(data, n);
    m_remaining -= n;
    m_bodyStarted = true;
}

// Takes the next whole line (without its LF and a CR just before it) off the buffer. The view
// stays valid until the buffer is next modified, which only feed() does.
bool HttpRequestParser::takeLine(QByteArrayView& line)
{
    const char* base = m_buffer.constData() + m_pos;
    const qsizetype available = m_buffer.size() - m_pos;
    const void* lf = std::memchr(base + m_scanned, '\n', size_t(available - m_scanned));
    if (!lf) {
        m_scanned = available;
        return false;
    }
    qsizetype length = static_cast<const char*>(lf) - base;
    m_pos += length + 1;
    m_scanned = 0;
    if (length > 0 && base[length - 1] == '\r')
        --length;
    line = QByteArrayView(base, length);
    return true;
}

// Content bytes a line waiting for its LF has at least: a trailing CR may still be its ending.
// Judging partial lines by this gives the same verdict as judging the whole line later.
qsizetype HttpRequestParser::pendingLineContent() const
{
    qsizetype n = m_buffer.size() - m_pos;
    if (n > 0 && m_buffer.at(m_buffer.size() - 1) == '\r')
        --n;
    return n;
}

HttpRequestParser::Status HttpRequestParser::advance()
{
    Status result = Status::Incomplete;
    for (;;) {
        QByteArrayView line;
        if (m_state == State::Done) {
            result = Status::Complete;
            break;
        }
        if (m_state == State::Body || m_state == State::ChunkData) {
            const qsizetype available = m_buffer.size() - m_pos;
            if (available == 0)
                break;
            const qsizetype n = qsizetype(qMin<qint64>(available, m_remaining));
            appendBody(m_buffer.constData() + m_pos, n);
            m_pos += n;
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
            continue;
        }

        const bool haveLine = takeLine(line);
        switch (m_state) {
        case State::RequestLine:
            if (!haveLine) {
                if (pendingLineContent() > m_limits.maxRequestLine)
                    return fail(414, "request line too long");
                break;
            }
            if (line.isEmpty())
                continue; // RFC 9112 §2.2: ignore empty lines before the request line
            if (line.size() > m_limits.maxRequestLine)
                return fail(414, "request line too long");
            if (!parseRequestLine(line))
                return Status::Error;
            m_state = State::Headers;
            continue;
        case State::Headers:
        case State::Trailers: {
            if (!haveLine) {
                if (pendingLineContent() > m_limits.maxHeaderBytes - m_sectionBytes)
                    return fail(431, m_state == State::Headers ? "headers too large" : "trailers too large");
                break;
            }
            if (line.isEmpty()) {
                if (m_state == State::Trailers) {
                    m_state = State::Done;
                    continue;
                }
                if (!finishHead())
                    return Status::Error;
                continue;
            }
            if (line.size() > m_limits.maxHeaderBytes - m_sectionBytes)
                return fail(431, m_state == State::Headers ? "headers too large" : "trailers too large");
            if (m_sectionFields >= m_limits.maxHeaders)
                return fail(431, m_state == State::Headers ? "too many headers" : "too many trailers");
            m_sectionBytes += line.size();
            ++m_sectionFields;
            HttpRequest::Header header;
            if (!parseFieldLine(line, &header))
                return Status::Error;
            // Trailers are checked like headers but dropped: nothing here may act on them.
            if (m_state == State::Headers)
                m_request.headers.append(std::move(header));
            continue;
        }
        case State::ChunkSize:
            if (!haveLine) {
                if (m_pos < m_buffer.size())
                    m_bodyStarted = true;
                if (pendingLineContent() > m_limits.maxChunkLine)
                    return fail(400, "chunk size line too long");
                break;
            }
            m_bodyStarted = true;
            if (line.size() > m_limits.maxChunkLine)
                return fail(400, "chunk size line too long");
            if (!parseChunkSize(line))
                return Status::Error;
            continue;
        case State::ChunkDataEnd:
            if (!haveLine) {
                if (pendingLineContent() > 0)
                    return fail(400, "chunk data not followed by CRLF");
                break;
            }
            if (!line.isEmpty())
                return fail(400, "chunk data not followed by CRLF");
            m_state = State::ChunkSize;
            continue;
        case State::Body:
        case State::ChunkData:
        case State::Done:
            break; // handled above
        }
        break;
    }
    if (m_pos == m_buffer.size()) {
        // All consumed: drop the bytes now so an idle keep-alive connection holds no old request.
        m_buffer.clear();
        m_pos = 0;
        m_scanned = 0;
    }
    return result;
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    const qsizetype sp1 = line.indexOf(' ');
    if (sp1 <= 0) {
        fail(400, "malformed request line");
        return false;
    }
    const qsizetype sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || sp2 == sp1 + 1) {
        fail(400, "malformed request line");
        return false;
    }
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!isToken(method)) {
        fail(400, "invalid method");
        return false;
    }
    if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version[5]) || version[6] != '.'
        || !isDigit(version[7])) {
        fail(400, "malformed HTTP version");
        return false;
    }
    if (version[5] != '1') {
        fail(505, "HTTP version not supported");
        return false;
    }
    m_request.method = method.toByteArray();
    m_request.versionMinor = version[7] == '0' ? 0 : 1;
    return parseTarget(target);
}

bool HttpRequestParser::parseTarget(QByteArrayView target)
{
    for (qsizetype i = 0; i < target.size(); ++i) {
        const auto c = static_cast<unsigned char>(target[i]);
        if (c <= 0x20 || c >= 0x7F || c == '#') {
            fail(400, "invalid character in request target");
            return false;
        }
        if (c == '%' && (i + 2 >= target.size() || hexValue(target[i + 1]) < 0 || hexValue(target[i + 2]) < 0)) {
            fail(400, "bad percent-encoding in request target");
            return false;
        }
    }
    m_request.target = target.toByteArray();

    if (target == "*") {
        if (m_request.method != "OPTIONS") {
            fail(400, "asterisk target is only for OPTIONS");
            return false;
        }
        m_request.path = QStringLiteral("*");
        return true;
    }

    QByteArrayView pathAndQuery = target;
    if (target[0] != '/') {
        // absolute-form: scheme "://" authority [path-abempty] ["?" query]
        const qsizetype sep = target.indexOf("://");
        const QByteArrayView scheme = sep > 0 ? target.first(sep) : QByteArrayView();
        if (!equalsIgnoreCase(scheme, "http") && !equalsIgnoreCase(scheme, "https")) {
            fail(400, "unsupported request target form");
            return false;
        }
        const QByteArrayView rest = target.sliced(sep + 3);
        qsizetype end = 0;
        while (end < rest.size() && rest[end] != '/' && rest[end] != '?')
            ++end;
        const QByteArrayView authority = rest.first(end);
        if (authority.isEmpty() || authority.contains('@')) {
            fail(400, "bad authority in request target");
            return false;
        }
        m_request.authority = authority.toByteArray();
        pathAndQuery = rest.sliced(end);
    }

    const qsizetype question = pathAndQuery.indexOf('?');
    QByteArrayView rawPath = question < 0 ? pathAndQuery : pathAndQuery.first(question);
    if (rawPath.isEmpty())
        rawPath = "/";
    if (question >= 0)
        m_request.query = QUrlQuery(QString::fromLatin1(pathAndQuery.sliced(question + 1)));

    if (!rawPath.contains('%')) {
        // Already checked to be printable ASCII: nothing to decode.
        m_request.path = QString::fromLatin1(rawPath);
        return true;
    }
    QByteArray decoded;
    decoded.reserve(rawPath.size());
    for (qsizetype i = 0; i < rawPath.size(); ++i) {
        if (rawPath[i] == '%') {
            decoded.append(char(hexValue(rawPath[i + 1]) * 16 + hexValue(rawPath[i + 2])));
            i += 2;
        } else {
            decoded.append(rawPath[i]);
        }
    }
    if (decoded.contains('\0')) {
        fail(400, "NUL in request path");
        return false;
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    m_request.path = utf8(decoded);
    if (utf8.hasError()) {
        fail(400, "request path is not UTF-8");
        return false;
    }
    return true;
}

bool HttpRequestParser::parseFieldLine(QByteArrayView line, HttpRequest::Header* out)
{
    if (isOws(line[0])) {
        // obs-fold (RFC 9112 §5.2) or whitespace after the request line (§2.2): both are
        // ways to make two parsers disagree about where a field ends.
        fail(400, "obsolete line folding");
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon))) {
        fail(400, "malformed header field");
        return false;
    }
    const QByteArrayView value = trimOws(line.sliced(colon + 1));
    if (!isFieldText(value)) {
        fail(400, "invalid character in header value");
        return false;
    }
    out->name = line.first(colon).toByteArray().toLower();
    out->value = value.toByteArray();
    return true;
}

// The head is in: decide how the body is framed (RFC 9112 §6) before reading any of it.
bool HttpRequestParser::finishHead()
{
    int hosts = 0;
    bool haveLength = false;
    bool haveEncoding = false;
    for (const HttpRequest::Header& h : std::as_const(m_request.headers)) {
        if (h.name == "host")
            ++hosts;
        else if (h.name == "content-length")
            haveLength = true;
        else if (h.name == "transfer-encoding")
            haveEncoding = true;
    }
    if (hosts > 1) {
        fail(400, "more than one Host header");
        return false;
    }
    if (hosts == 0 && m_request.versionMinor >= 1) {
        fail(400, "missing Host header");
        return false;
    }
    if (haveLength && haveEncoding) {
        fail(400, "both Content-Length and Transfer-Encoding");
        return false;
    }

    if (haveEncoding) {
        if (m_request.versionMinor == 0) {
            fail(400, "Transfer-Encoding in an HTTP/1.0 request");
            return false;
        }
        QList<QByteArrayView> codings;
        for (const HttpRequest::Header& h : std::as_const(m_request.headers)) {
            if (h.name == "transfer-encoding")
                codings += listElements(h.value);
        }
        int chunked = 0;
        for (QByteArrayView coding : std::as_const(codings)) {
            if (equalsIgnoreCase(coding, "chunked"))
                ++chunked;
        }
        if (codings.isEmpty() || !equalsIgnoreCase(codings.last(), "chunked") || chunked != 1) {
            fail(400, "chunked must be the final transfer coding, once");
            return false;
        }
        if (codings.size() > 1) {
            fail(501, "transfer coding not implemented");
            return false;
        }
        m_state = State::ChunkSize;
        return true;
    }

    if (haveLength) {
        qint64 length = -1;
        bool tooLarge = false;
        for (const HttpRequest::Header& h : std::as_const(m_request.headers)) {
            if (h.name != "content-length")
                continue;
            const QList<QByteArrayView> items = listElements(h.value);
            if (items.isEmpty()) {
                fail(400, "invalid Content-Length");
                return false;
            }
            for (QByteArrayView item : items) {
                qint64 value = 0;
                for (char c : item) {
                    if (!isDigit(c)) {
                        fail(400, "invalid Content-Length");
                        return false;
                    }
                    // Saturate: any value past the limit is refused anyway, and must not overflow.
                    value = qMin<qint64>(value * 10 + (c - '0'), qint64(m_limits.maxBodyBytes) + 1);
                }
                // Equal repeats are one value (RFC 9112 §6.3); different ones are a smuggling attempt.
                if (length >= 0 && value != length) {
                    fail(400, "conflicting Content-Length values");
                    return false;
                }
                length = value;
                tooLarge = value > m_limits.maxBodyBytes;
            }
        }
        if (tooLarge) {
            fail(413, "request body too large");
            return false;
        }
        if (length > 0) {
            // Reserve at most 1 MiB: a tiny request declaring a huge body must not claim memory.
            m_request.body.reserve(qsizetype(qMin<qint64>(length, 1024 * 1024)));
            m_remaining = length;
            m_state = State::Body;
            return true;
        }
    }
    m_state = State::Done;
    return true;
}

bool HttpRequestParser::parseChunkSize(QByteArrayView line)
{
    qsizetype i = 0;
    qint64 size = 0;
    const qint64 room = qint64(m_limits.maxBodyBytes) - m_request.body.size();
    for (; i < line.size() && hexValue(line[i]) >= 0; ++i)
        size = qMin<qint64>(size * 16 + hexValue(line[i]), room + 1);
    if (i == 0) {
        fail(400, "bad chunk size");
        return false;
    }
    QByteArrayView rest = line.sliced(i);
    while (!rest.isEmpty() && isOws(rest[0]))
        rest = rest.sliced(1);
    if (!rest.isEmpty()) {
        // Extensions carry nothing we use; they are checked and counted, then ignored.
        if (rest[0] != ';' || !isFieldText(rest)) {
            fail(400, "bad chunk size");
            return false;
        }
        m_extensionBytes += rest.size();
        if (m_extensionBytes > m_limits.maxChunkExtensions) {
            fail(400, "chunk extensions too long");
            return false;
        }
    }
    if (size > room) {
        fail(413, "request body too large");
        return false;
    }
    if (size == 0) {
        m_state = State::Trailers;
        m_sectionBytes = 0;
        m_sectionFields = 0;
        return true;
    }
    m_remaining = size;
    m_state = State::ChunkData;
    return true;
}

} // namespace flarechat
