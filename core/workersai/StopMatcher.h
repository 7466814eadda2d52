#pragma once

#include <QString>
#include <QStringList>

namespace flarechat {

// Applies OpenAI "stop" sequences on our side, for models that do not honour them: text is
// released as it arrives except for a suffix that could still grow into a stop sequence, and
// output ends at the first match, even when the sequence is cut across stream events.
class StopMatcher final
{
public:
    explicit StopMatcher(const QStringList& stops = {});

    struct Result
    {
        QString text; // safe to emit
        bool stopped = false;
    };

    Result feed(const QString& text);
    // End of output: releases the held suffix (it did not become a stop sequence).
    QString finish();

    bool isActive() const { return !m_stops.isEmpty(); }
    bool hasStopped() const { return m_stopped; }
    const QString& matched() const { return m_matched; } // the sequence that stopped the output

private:
    QStringList m_stops;
    QString m_held;
    QString m_matched;
    qsizetype m_longest = 0;
    bool m_stopped = false;
};

} // namespace flarechat
