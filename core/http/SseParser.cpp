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
        m_line.append(p, q - p);
        if (m_line.size() + m_data.size() > m_maxEventSize) {
            m_error = true;
            m_line.clear();
            m_data.clear();
            return out;
        }
        if (q == end)
            break;
        if (*q == '\r')
            m_lastWasCR = true;
        p = q + 1;
        processLine(out);
    }
    return out;
}

QList<SseParser::Event> SseParser::finish()
{
    QList<Event> out;
    if (m_error)
        return out;
    if (!m_line.isEmpty())
        processLine(out);
    if (m_hasData)
        dispatch(out);
    return out;
}

void SseParser::processLine(QList<Event>& out)
{
    if (!m_sawFirstLine) {
        m_sawFirstLine = true;
        if (m_line.startsWith("\xEF\xBB\xBF")) // a BOM may open the stream
            m_line.remove(0, 3);
    }
    if (m_line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (m_line.startsWith(':')) {
        ++m_comments;
        m_line.clear();
        return;
    }
    const qsizetype colon = m_line.indexOf(':');
    QByteArray field;
    QByteArray value;
    if (colon < 0) {
        field = m_line;
    } else {
        field = m_line.left(colon);
        qsizetype start = colon + 1;
        if (start < m_line.size() && m_line.at(start) == ' ')
            ++start;
        value = m_line.mid(start);
    }
    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_event = value;
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_id = value;
    }
    // "retry" and unknown fields are ignored, as the spec says.
    m_line.clear();
}

void SseParser::dispatch(QList<Event>& out)
{
    if (m_hasData)
        out.append(Event{m_event, m_data, m_id});
    m_data.clear();
    m_event.clear();
    m_hasData = false;
}

} // namespace flarechat
