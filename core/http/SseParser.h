#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace flarechat {

// Incremental decoder for text/event-stream (WHATWG "server-sent events"): bytes in, whole
// events out, with any split point allowed — an event, a line, a CRLF pair or a UTF-8
// sequence may be cut across reads. Pure code, no I/O.
class SseParser final
{
public:
    struct Event
    {
        QByteArray event; // "event:" field, empty if none ("message")
        QByteArray data; // "data:" lines joined with '\n'
        QByteArray id;
        bool operator==(const Event& o) const { return event == o.event && data == o.data && id == o.id; }
    };

    // Events larger than this put the parser in the error state rather than growing without bound.
    explicit SseParser(qsizetype maxEventSize = 16 * 1024 * 1024);

    // Feeds bytes; returns the events they complete, in order.
    QList<Event> feed(const QByteArray& bytes);
    // End of stream: returns an event still pending without its closing blank line, if any.
    QList<Event> finish();

    bool hasError() const { return m_error; }
    // True once any byte was fed that is not yet part of a dispatched event.
    bool hasPendingData() const { return !m_line.isEmpty() || m_hasData || !m_event.isEmpty(); }
    qsizetype commentCount() const { return m_comments; }

private:
    void processLine(QByteArrayView line, QList<Event>& out);
    void dispatch(QList<Event>& out);

    qsizetype m_maxEventSize;
    QByteArray m_line;
    QByteArray m_data;
    QByteArray m_event;
    QByteArray m_id;
    bool m_hasData = false;
    bool m_lastWasCR = false;
    bool m_error = false;
    bool m_sawFirstLine = false;
    qsizetype m_comments = 0;
};

} // namespace flarechat
