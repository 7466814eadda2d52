#include "HttpRequestReader.h"

#include <utility>

namespace flarechat::test {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 tchar: enough to reject garbage in methods and header names.
    static const QByteArray extra("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
}

bool isToken(const QByteArray& s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

} // namespace

HttpRequestReader::HttpRequestReader(qsizetype maxHeadBytes, qsizetype maxBodyBytes)
    : m_maxHead(maxHeadBytes)
    , m_maxBody(maxBodyBytes)
{
}

HttpRequestReader::State HttpRequestReader::feed(const QByteArray& bytes)
{
    if (m_state == State::Error)
        return m_state;
    m_buffer.append(bytes);
    return parse();
}

HttpRequestReader::State HttpRequestReader::fail(int status, const QByteArray& text)
{
    m_state = State::Error;
    m_errorStatus = status;
    m_errorText = text;
    m_buffer.clear();
    return m_state;
}

qsizetype HttpRequestReader::findLineEnd(qsizetype from, qsizetype* eolLength) const
{
    // Bare LF is tolerated as a line end (RFC 9112 §2.2 allows it), CRLF is the norm.
    const qsizetype lf = m_buffer.indexOf('\n', from);
    if (lf < 0)
        return -1;
    const bool cr = lf > from && m_buffer.at(lf - 1) == '\r';
    *eolLength = cr ? 2 : 1;
    return cr ? lf - 1 : lf;
}

HttpRequestReader::State HttpRequestReader::parse()
{
    while (m_state == State::Incomplete) {
        switch (m_phase) {
        case Phase::Head: {
            // Leading empty lines before a request line are ignored (RFC 9112 §2.2).
            while (m_buffer.startsWith("\r\n") || m_buffer.startsWith("\n"))
                m_buffer.remove(0, m_buffer.startsWith("\r\n") ? 2 : 1);
            qsizetype end = m_buffer.indexOf("\r\n\r\n");
            qsizetype sepLength = 4;
            const qsizetype lfEnd = m_buffer.indexOf("\n\n");
            if (lfEnd >= 0 && (end < 0 || lfEnd < end)) {
                end = lfEnd;
                sepLength = 2;
            }
            if (end < 0) {
                if (m_buffer.size() > m_maxHead)
                    return fail(431, "Request header fields too large");
                return m_state;
            }
            if (end > m_maxHead)
                return fail(431, "Request header fields too large");
            const QByteArray head = m_buffer.left(end);
            m_buffer.remove(0, end + sepLength);
            if (!parseHead(head))
                return m_state;
            break;
        }
        case Phase::FixedBody: {
            const qsizetype take = qMin<qint64>(m_remaining, m_buffer.size());
            m_request.body.append(m_buffer.constData(), take);
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return m_state;
            m_phase = Phase::Done;
            break;
        }
        case Phase::ChunkSize: {
            qsizetype eol = 0;
            const qsizetype end = findLineEnd(0, &eol);
            if (end < 0) {
                if (m_buffer.size() > 1024)
                    return fail(400, "Bad chunk size line");
                return m_state;
            }
            QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + eol);
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
            if (semicolon >= 0)
                line.truncate(semicolon);
            line = line.trimmed();
            bool ok = false;
            const qint64 size = line.toLongLong(&ok, 16);
            if (!ok || size < 0 || line.isEmpty() || line.size() > 15)
                return fail(400, "Bad chunk size");
            if (m_request.body.size() + size > m_maxBody)
                return fail(413, "Request body too large");
            m_remaining = size;
            m_phase = size == 0 ? Phase::Trailer : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData: {
            const qsizetype take = qMin<qint64>(m_remaining, m_buffer.size());
            m_request.body.append(m_buffer.constData(), take);
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return m_state;
            m_phase = Phase::ChunkDataEnd;
            break;
        }
        case Phase::ChunkDataEnd: {
            if (m_buffer.startsWith("\r\n")) {
                m_buffer.remove(0, 2);
            } else if (m_buffer.startsWith('\n')) {
                m_buffer.remove(0, 1);
            } else if (m_buffer.size() >= 2 || (m_buffer.size() == 1 && m_buffer.at(0) != '\r')) {
                return fail(400, "Missing CRLF after chunk data");
            } else {
                return m_state;
            }
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::Trailer: {
            // Trailer fields are read and dropped, up to the empty line.
            qsizetype eol = 0;
            const qsizetype end = findLineEnd(0, &eol);
            if (end < 0) {
                if (m_buffer.size() > m_maxHead)
                    return fail(431, "Trailer too large");
                return m_state;
            }
            m_buffer.remove(0, end + eol);
            if (end == 0)
                m_phase = Phase::Done;
            break;
        }
        case Phase::Done:
            m_state = State::Complete;
            break;
        }
    }
    return m_state;
}

bool HttpRequestReader::parseHead(const QByteArray& head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray& line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QList<QByteArray> requestLine = lines.takeFirst().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine.at(0)) || requestLine.at(1).isEmpty()
        || !requestLine.at(2).startsWith("HTTP/1.")) {
        fail(400, "Malformed request line");
        return false;
    }
    m_request.method = requestLine.at(0);
    m_request.target = requestLine.at(1);
    m_request.version = requestLine.at(2);
    if (m_request.version != "HTTP/1.1" && m_request.version != "HTTP/1.0") {
        fail(505, "HTTP version not supported");
        return false;
    }
    if (!m_request.target.startsWith('/')) {
        fail(400, "Request target must be an absolute path");
        return false;
    }
    for (const QByteArray& line : std::as_const(lines)) {
        if (line.startsWith(' ') || line.startsWith('\t')) {
            fail(400, "Obsolete header line folding");
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon))) {
            fail(400, "Malformed header field");
            return false;
        }
        const QByteArray name = line.left(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        m_request.headerList.append({name, value});
        const QByteArray lower = name.toLower();
        auto it = m_request.headers.find(lower);
        if (it == m_request.headers.end())
            m_request.headers.insert(lower, value);
        else
            it.value() += ", " + value;
    }

    const QByteArray connection = m_request.headers.value("connection").toLower();
    if (m_request.version == "HTTP/1.0")
        m_request.keepAlive = connection.contains("keep-alive");
    else
        m_request.keepAlive = !connection.contains("close");
    m_expectContinue = m_request.headers.value("expect").toLower() == "100-continue";

    const QByteArray transferEncoding = m_request.headers.value("transfer-encoding").toLower();
    const bool hasLength = m_request.headers.contains("content-length");
    if (!transferEncoding.isEmpty()) {
        // Only "chunked" as the final coding is understood; a request with both framings is
        // refused, as RFC 9112 §6.1 recommends against request smuggling.
        if (transferEncoding.trimmed() != "chunked" || hasLength) {
            fail(transferEncoding.trimmed() != "chunked" ? 501 : 400, "Unsupported transfer encoding");
            return false;
        }
        m_phase = Phase::ChunkSize;
        return true;
    }
    if (hasLength) {
        const QByteArray lengthText = m_request.headers.value("content-length");
        bool ok = false;
        const qint64 length = lengthText.toLongLong(&ok);
        if (!ok || length < 0 || lengthText.contains(',') || lengthText.contains('+')) {
            fail(400, "Bad Content-Length");
            return false;
        }
        if (length > m_maxBody) {
            fail(413, "Request body too large");
            return false;
        }
        m_remaining = length;
        m_phase = length > 0 ? Phase::FixedBody : Phase::Done;
        return true;
    }
    m_phase = Phase::Done;
    return true;
}

HttpRequestReader::Request HttpRequestReader::takeRequest()
{
    Request out = std::move(m_request);
    m_request = Request();
    m_phase = Phase::Head;
    m_state = State::Incomplete;
    m_remaining = 0;
    m_expectContinue = false;
    return out;
}

} // namespace flarechat::test
