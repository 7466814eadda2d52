#include "UsageMeter.h"

#include "UsageBreakdown.h"
#include "engine/NeuronMeter.h"
#include "engine/QuotaState.h"

#include <QEvent>
#include <QLocale>
#include <QPainter>
#include <QScreen>
#include <QStatusBar>
#include <QTimeZone>

namespace flarechat {

// Carries a QuotaState change (told on whichever thread learnt it) to the window's thread. Owned
// by a shared pointer the listener holds, and deleted on its own thread.
class QuotaWatch final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

Q_SIGNALS:
    void changed();
};

UsageMeter::UsageMeter(std::shared_ptr<NeuronMeter> meter, std::shared_ptr<QuotaState> quota, QWidget* parent)
    : QToolButton(parent)
    , m_meter(std::move(meter))
    , m_quota(std::move(quota))
{
    setObjectName(QStringLiteral("usageMeter"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setFocusPolicy(Qt::TabFocus);
    connect(this, &QToolButton::clicked, this, &UsageMeter::showBreakdown);
    if (m_meter)
        connect(m_meter.get(), &NeuronMeter::changed, this, &UsageMeter::refresh); // queued across threads
    if (m_quota) {
        m_watch = std::shared_ptr<QuotaWatch>(new QuotaWatch, [](QuotaWatch* w) { w->deleteLater(); });
        connect(m_watch.get(), &QuotaWatch::changed, this, &UsageMeter::refresh);
        const std::shared_ptr<QuotaWatch> watch = m_watch;
        m_listener = m_quota->addListener([watch] {
            QMetaObject::invokeMethod(
                watch.get(), [w = watch.get()] { Q_EMIT w->changed(); }, Qt::QueuedConnection);
        });
    }
    m_resetTimer.setSingleShot(true);
    m_resetTimer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_resetTimer, &QTimer::timeout, this, &UsageMeter::refresh);
    refresh();
}

UsageMeter::~UsageMeter()
{
    if (m_quota && m_listener)
        m_quota->removeListener(m_listener);
}

UsageBreakdown* UsageMeter::breakdown() const
{
    return m_breakdown.data();
}

void UsageMeter::setAccount(const QString& accountId)
{
    m_account = accountId;
    refresh();
}

void UsageMeter::setCatalog(const ModelCatalog& catalog)
{
    m_catalog = catalog;
}

QString UsageMeter::resetText(const QDateTime& resetUtc)
{
    const QDateTime local = resetUtc.toLocalTime();
    // 24-hour "08:00" in every language: short, and never mistaken for the other half of the day.
    const QString localTime = local.time().toString(QStringLiteral("HH:mm"));
    const QString utcTime = resetUtc.toUTC().time().toString(QStringLiteral("HH:mm"));
    if (local.offsetFromUtc() == 0)
        return tr("%1 UTC").arg(utcTime);
    return tr("%1 (%2 UTC)").arg(localTime, utcTime);
}

void UsageMeter::refresh()
{
    const NeuronMeter::Day day = m_meter ? m_meter->today() : NeuronMeter::Day {};
    m_used = day.neurons();
    const QDateTime until = m_quota && !m_account.isEmpty() ? m_quota->resetAt(m_account) : QDateTime();
    const bool exhaustedChange = until != m_exhaustedUntil;
    m_exhaustedUntil = until;
    const QString used = QLocale().toString(qRound64(m_used));
    const QString free = QLocale().toString(qRound64(NeuronMeter::FreeDailyNeurons));
    if (until.isValid()) {
        m_level = Level::Exhausted;
        setText(tr("Free allocation used up until %1").arg(resetText(until)));
    } else {
        m_level
            = m_used >= NeuronMeter::FreeDailyNeurons * NeuronMeter::WarningFraction ? Level::Warning : Level::Normal;
        setText(tr("%1 / %2 neurons").arg(used, free));
    }
    setToolTip(tr("Neurons used today (UTC) by this window and its API server, estimated: %1 of the free %2. "
                  "Click for the breakdown.")
                   .arg(used, free));
    setAccessibleName(tr("Today's neurons"));
    setAccessibleDescription(text());
    setProperty("level",
        QString::fromLatin1(m_level == Level::Exhausted ? "exhausted"
                : m_level == Level::Warning             ? "warning"
                                                        : "normal"));
    updateIcon();

    // Once at the next reset: the day's, or the allocation's when it is spent.
    const QDateTime next = until.isValid() ? until : (m_meter ? m_meter->resetAt() : QDateTime());
    if (next.isValid()) {
        const qint64 ms
            = qBound<qint64>(1000, QDateTime::currentDateTimeUtc().msecsTo(next) + 1000, 24LL * 3600 * 1000);
        m_resetTimer.start(int(ms));
    }
    if (m_breakdown && m_breakdown->isVisible())
        m_breakdown->setUsage(day, m_meter ? m_meter->resetAt() : QDateTime(), until, m_catalog);
    if (exhaustedChange)
        Q_EMIT exhaustedChanged(until);
}

void UsageMeter::updateIcon()
{
    // A small bar: the share used, green, amber from 80 %, red when used up.
    const qreal dpr = devicePixelRatioF();
    const QSize size(28, 8);
    QPixmap pixmap(size * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF frame(0.5, 0.5, size.width() - 1, size.height() - 1);
    const QColor track = palette().color(QPalette::Mid);
    const QColor fill = m_level == Level::Exhausted ? QColor(0xd1, 0x24, 0x2f)
        : m_level == Level::Warning                 ? QColor(0xbf, 0x87, 0x00)
                                                    : QColor(0x1a, 0x7f, 0x37);
    p.setPen(Qt::NoPen);
    p.setBrush(track);
    p.drawRoundedRect(frame, 3, 3);
    const double share = m_level == Level::Exhausted ? 1.0 : qBound(0.0, m_used / NeuronMeter::FreeDailyNeurons, 1.0);
    if (share > 0) {
        p.setBrush(fill);
        p.drawRoundedRect(QRectF(frame.x(), frame.y(), qMax(3.0, frame.width() * share), frame.height()), 3, 3);
    }
    p.end();
    setIcon(QIcon(pixmap));
    setIconSize(size);
}

void UsageMeter::showBreakdown()
{
    if (!m_breakdown)
        m_breakdown = new UsageBreakdown(this);
    m_breakdown->setUsage(m_meter ? m_meter->today() : NeuronMeter::Day {}, m_meter ? m_meter->resetAt() : QDateTime(),
        m_exhaustedUntil, m_catalog);
    m_breakdown->adjustSize();
    // Above the button (the status bar is at the bottom), kept on the screen.
    QPoint pos = mapToGlobal(QPoint(width() - m_breakdown->width(), -m_breakdown->height() - 4));
    if (const QScreen* s = screen()) {
        const QRect area = s->availableGeometry();
        pos.setX(qBound(area.left(), pos.x(), area.right() - m_breakdown->width()));
        pos.setY(qBound(area.top(), pos.y(), area.bottom() - m_breakdown->height()));
    }
    m_breakdown->move(pos);
    m_breakdown->show();
}

void UsageMeter::changeEvent(QEvent* event)
{
    QToolButton::changeEvent(event);
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        refresh();
}

} // namespace flarechat

#include "UsageMeter.moc"
