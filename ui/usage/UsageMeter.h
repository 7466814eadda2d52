#pragma once

#include "workersai/ModelCatalog.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QToolButton>

#include <memory>

namespace flarechat {

class NeuronMeter;
class QuotaState;
class QuotaWatch;
class UsageBreakdown;

// The status bar's meter of today's free Workers AI allocation: the neurons the window and the
// server used today (UTC), estimated by the NeuronMeter, against the free 10,000; a warning from
// 80 %; "used up until 08:00" once Workers AI said so (the QuotaState). A click shows the
// breakdown per model and the reset in local time. Nothing ticks while nothing changes: it is
// repainted when a reply is counted or the quota state changes, and once at the reset.
class UsageMeter final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageMeter)

public:
    enum class Level { Normal, Warning, Exhausted };

    UsageMeter(std::shared_ptr<NeuronMeter> meter, std::shared_ptr<QuotaState> quota, QWidget* parent = nullptr);
    ~UsageMeter() override;

    // The Cloudflare account the quota state is asked about.
    void setAccount(const QString& accountId);
    // For the breakdown's model names and prices.
    void setCatalog(const ModelCatalog& catalog);

    Level level() const { return m_level; }
    double usedToday() const { return m_used; }
    // When a spent allocation comes back; invalid when it is not spent.
    QDateTime exhaustedUntil() const { return m_exhaustedUntil; }
    UsageBreakdown* breakdown() const; // null until first shown

    // "08:00 (00:00 UTC)": a reset time as the window says it, in local time and UTC.
    static QString resetText(const QDateTime& resetUtc);

public Q_SLOTS:
    void refresh();
    void showBreakdown();

Q_SIGNALS:
    // The allocation became spent (until `resetAt`) or available again (invalid `resetAt`).
    void exhaustedChanged(const QDateTime& resetAt);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateIcon();

    std::shared_ptr<NeuronMeter> m_meter;
    std::shared_ptr<QuotaState> m_quota;
    std::shared_ptr<QuotaWatch> m_watch;
    int m_listener = 0;
    QString m_account;
    ModelCatalog m_catalog;
    Level m_level = Level::Normal;
    double m_used = 0;
    QDateTime m_exhaustedUntil;
    QTimer m_resetTimer; // once, at the next reset (the day's or the allocation's)
    QPointer<UsageBreakdown> m_breakdown;
};

} // namespace flarechat
