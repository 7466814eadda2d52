#include "StopMatcher.h"

namespace flarechat {

StopMatcher::StopMatcher(const QStringList& stops)
{
    for (const QString& s : stops) {
        if (!s.isEmpty()) {
            m_stops.append(s);
            m_longest = qMax(m_longest, s.size());
        }
    }
}

StopMatcher::Result StopMatcher::feed(const QString& text)
{
    Result r;
    if (m_stopped)
        return r;
    if (m_stops.isEmpty()) {
        r.text = text;
        return r;
    }
    const QString buf = m_held + text;
    m_held.clear();

    // Earliest match of any stop sequence wins.
    qsizetype first = -1;
    for (const QString& s : m_stops) {
        const qsizetype at = buf.indexOf(s);
        if (at >= 0 && (first < 0 || at < first)) {
            first = at;
            m_matched = s;
        }
    }
    if (first >= 0) {
        r.text = buf.left(first);
        r.stopped = m_stopped = true;
        return r;
    }
    // Hold back the longest suffix that is a prefix of some stop sequence.
    qsizetype keep = 0;
    const qsizetype maxKeep = qMin(buf.size(), m_longest - 1);
    for (qsizetype n = maxKeep; n > 0 && keep == 0; --n) {
        const QStringView tail = QStringView(buf).right(n);
        for (const QString& s : m_stops) {
            if (s.size() > n && QStringView(s).left(n) == tail) {
                keep = n;
                break;
            }
        }
    }
    r.text = buf.left(buf.size() - keep);
    m_held = buf.right(keep);
    return r;
}

QString StopMatcher::finish()
{
    if (m_stopped)
        return {};
    QString out = m_held;
    m_held.clear();
    return out;
}

} // namespace flarechat
