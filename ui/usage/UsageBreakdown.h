#pragma once

#include "engine/NeuronMeter.h"
#include "workersai/ModelCatalog.h"

#include <QDateTime>
#include <QFrame>
#include <QTimer>

class QLabel;
class QProgressBar;
class QTreeWidget;

namespace flarechat {

// The usage meter's popup: today's neurons per model (replies, tokens, neurons), the share of the
// free allocation, and when it resets, in local time with a countdown (which ticks only while
// the popup is open).
class UsageBreakdown final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageBreakdown)

public:
    explicit UsageBreakdown(QWidget* parent = nullptr);
    ~UsageBreakdown() override;

    // resetAt: the day's reset (00:00 UTC); exhaustedUntil: valid when Workers AI said the
    // allocation is used up.
    void setUsage(const NeuronMeter::Day& day, const QDateTime& resetAt, const QDateTime& exhaustedUntil,
        const ModelCatalog& catalog);

    QTreeWidget* table() const { return m_table; }
    QString summaryText() const;
    QString resetLine() const;

    // "5 h 12 min", "3 min", "less than a minute".
    static QString countdown(qint64 seconds);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void retranslate();
    void updateReset();

    QLabel* m_title;
    QProgressBar* m_bar;
    QLabel* m_summary;
    QLabel* m_exhausted;
    QLabel* m_reset;
    QTreeWidget* m_table;
    QLabel* m_note;
    QDateTime m_resetAt;
    QTimer m_tick;
};

} // namespace flarechat
