#include "SseParser.h"

namespace flarechat {

SseParser::SseParser(qsizetype maxEventSize)
    : m_maxEventSize(maxEventSize)
{
}

QList<SseParser::Event> SseParser::feed(const QByteArray& bytes)
{
    QList<Event> out;
    if (m_error)
        return out;
    const char* p = bytes.constData();
    const char* const end = p + bytes.size();
    while (p < end) {
        if (m_lastWasCR && *p == '\n') { // second half of a CRLF split across reads
            m_lastWasCR = false;
            ++p;
            continue;
        }
        m_lastWasCR = false;
        // Find the next line terminator in one scan rather than byte by byte.
        const char* q = p;
        while (q < end && *q != '\n' && *q != '\r')
            ++q;
        if (q - p + m_line.size() + m_data.size() > m_maxEventSize) {
            m_error = true;
            m_line.clear();
            m_data.clear();
            return out;
        }
        if (q == end) {
            m_line.append(p, q - p); // an unfinished line: keep it for the next read
            break;
        }
        if (*q == '\r')
            m_lastWasCR = true;
        if (m_line.isEmpty()) {
            // The usual case: the whole line is in this read, so parse it in place, no copy.
            processLine(QByteArrayView(p, q - p), out);
        } else {
            m_line.append(p, q - p);
            processLine(m_line, out);
            m_line.resize(0); // keeps the capacity, unlike clear()
        }
        p = q + 1;
    }
    return out;
}

QList<SseParser::Event> SseParser::finish()
{
    QList<Event> out;
    if (m_error)
        return out;
    if (!m_line.isEmpty()) {
        processLine(m_line, out);
        m_line.clear();
    }
    if (m_hasData)
        dispatch(out);
    return out;
}

void SseParser::processLine(QByteArrayView line, QList<Event>& out)
{
    if (!m_sawFirstLine) {
        m_sawFirstLine = true;
        if (line.startsWith("\xEF\xBB\xBF")) // a BOM may open the stream
            line = line.sliced(3);
    }
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':') {
        ++m_comments;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = line;
    QByteArrayView value;
    if (colon >= 0) {
        field = line.first(colon);
        qsizetype start = colon + 1;
        if (start < line.size() && line.at(start) == ' ')
            ++start;
        value = line.sliced(start);
    }
    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_event = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_id = value.toByteArray();
    }
    // "retry" and unknown fields are ignored, as the spec says.
}

void SseParser::dispatch(QList<Event>& out)
{
    if (m_hasData)
        out.append(Event {m_event, m_data, m_id});
    m_data.resize(0);
    m_event.resize(0);
    m_hasData = false;
}

} // namespace flarechat
