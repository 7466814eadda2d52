#pragma once

#include "openai/ChatTypes.h"

#include <QDate>
#include <QDateTime>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QString>

#include <functional>

namespace flarechat {

// Today's Workers AI neurons as FlareChat estimates them (each reply's token usage times its
// model's prices, ModelInfo::estimateNeurons), per model, against the free daily allocation of
// 10,000 neurons that Cloudflare resets at 00:00 UTC (reference §6). One per process
// (EngineConfig::meter()), shared by every engine: the window's and the API server's run on
// different threads, so every call is thread-safe.
//
// The day's numbers live in a small JSON file that every FlareChat process of the user adds to
// under a lock file: the window and a `flarechat serve` beside it count into one day. A file that
// cannot be written (a full disk) keeps the numbers in memory and tries again with the next reply.
class NeuronMeter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NeuronMeter)

public:
    using Clock = std::function<QDateTime()>;

    static constexpr double FreeDailyNeurons = 10000;
    static constexpr double WarningFraction = 0.8; // the meter warns from 8,000 neurons

    struct ModelUsage
    {
        double neurons = 0;
        qint64 requests = 0;
        qint64 promptTokens = 0;
        qint64 completionTokens = 0;
    };
    struct Day
    {
        QDate date; // UTC
        QMap<QString, ModelUsage> models; // by model id
        double neurons() const;
        qint64 requests() const;
    };

    // An empty path keeps the day in memory only.
    explicit NeuronMeter(const QString& filePath = {}, QObject* parent = nullptr);
    ~NeuronMeter() override;

    QString filePath() const { return m_path; }

    // A reply of `model` used this much (neurons: its estimate). Emits changed().
    void record(const QString& model, const Usage& usage, double neurons);

    // Today (UTC) as recorded by every process; re-reads the file when another process wrote it.
    Day today() const;
    double usedToday() const { return today().neurons(); }
    // The next 00:00 UTC.
    QDateTime resetAt() const;
    // Why the file could not be read or written last time; empty when it could.
    QString problem() const;

    // The clock every decision uses; an empty one is the real UTC clock (tests move time by hand).
    void setClock(Clock clock);
    QDateTime now() const;

Q_SIGNALS:
    // Something was recorded; emitted on the recording thread (connect queued across threads).
    void changed();

private:
    Day readFileLocked() const; // m_mutex held
    bool writeFileLocked(const Day& day) const;
    QDate todayLocked() const;

    const QString m_path;
    mutable QMutex m_mutex;
    Clock m_clock;
    mutable Day m_day; // the last known state of the file, with m_pending added
    Day m_pending; // recorded here, not yet in the file
    mutable QDateTime m_readModified; // the file's time when it was last read
    mutable QString m_problem;
};

} // namespace flarechat
