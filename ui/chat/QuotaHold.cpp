#include "QuotaHold.h"

#include <utility>

namespace flarechat {

QuotaHold::QuotaHold(QObject* parent)
    : QObject(parent)
{
    m_try.setInterval(TryIntervalMs);
    m_try.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_try, &QTimer::timeout, this, &QuotaHold::due);
    m_reset.setSingleShot(true);
    m_reset.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_reset, &QTimer::timeout, this, &QuotaHold::due);
}

QuotaHold::~QuotaHold() = default;

void QuotaHold::hold(const Held& held, const QDateTime& until)
{
    m_taken = false;
    m_held = held;
    m_until = until;
    m_active = true;
    m_try.start();
    if (until.isValid()) {
        const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(until) + 1000;
        m_reset.start(int(qBound<qint64>(1000, ms, 24LL * 3600 * 1000)));
    }
    Q_EMIT changed(true, m_until);
}

QuotaHold::Held QuotaHold::take()
{
    const Held held = m_held;
    m_taken = m_active;
    m_active = false;
    m_try.stop();
    m_reset.stop();
    return held;
}

void QuotaHold::settle()
{
    if (std::exchange(m_taken, false) && !m_active) {
        m_held = {};
        m_until = {};
        Q_EMIT changed(false, {});
    }
}

void QuotaHold::cancel()
{
    const bool was = m_active || std::exchange(m_taken, false);
    m_active = false;
    m_held = {};
    m_until = {};
    m_try.stop();
    m_reset.stop();
    if (was)
        Q_EMIT changed(false, {});
}

} // namespace flarechat
