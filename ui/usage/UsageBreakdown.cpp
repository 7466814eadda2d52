#include "UsageBreakdown.h"

#include "UsageMeter.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace flarechat {

namespace {

QString number(double value)
{
    return QLocale().toString(qRound64(value));
}

} // namespace

UsageBreakdown::UsageBreakdown(QWidget* parent)
    : QFrame(parent, Qt::Popup)
    , m_title(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_exhausted(new QLabel(this))
    , m_reset(new QLabel(this))
    , m_table(new QTreeWidget(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("usageBreakdown"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(8);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_bar->setRange(0, int(NeuronMeter::FreeDailyNeurons));
    m_bar->setTextVisible(false);
    m_bar->setFixedHeight(8);
    layout->addWidget(m_bar);

    for (QLabel* label : {m_summary, m_exhausted, m_reset, m_note}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    }
    layout->addWidget(m_summary);
    m_exhausted->setObjectName(QStringLiteral("usageExhausted"));
    m_exhausted->hide();
    layout->addWidget(m_exhausted);
    layout->addWidget(m_reset);

    m_table->setObjectName(QStringLiteral("usageTable"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setColumnCount(4);
    m_table->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_table->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->header()->setStretchLastSection(false);
    m_table->setMinimumWidth(460);
    layout->addWidget(m_table);

    m_note->setOpenExternalLinks(true);
    m_note->setTextFormat(Qt::RichText);
    QFont small = m_note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_note->setFont(small);
    layout->addWidget(m_note);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &UsageBreakdown::updateReset);
    retranslate();
}

UsageBreakdown::~UsageBreakdown() = default;

void UsageBreakdown::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

// The fixed words; setUsage() writes the figures' sentences each time the popup opens.
void UsageBreakdown::retranslate()
{
    setAccessibleName(tr("Today's neurons"));
    m_title->setText(tr("Today's free allocation"));
    m_bar->setAccessibleName(tr("Share of the free allocation used today"));
    m_table->setAccessibleName(tr("Neurons per model today"));
    m_table->setHeaderLabels({tr("Model"), tr("Replies"), tr("Tokens in / out"), tr("Neurons")});
    m_note->setText(tr("Estimated from each reply's tokens and the model's prices. Cloudflare's own count is in "
                       "the <a href=\"https://dash.cloudflare.com/?to=/:account/ai/workers-ai\">dashboard</a>."));
}

QString UsageBreakdown::countdown(qint64 seconds)
{
    if (seconds < 60)
        return tr("less than a minute");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%n min", nullptr, int(minutes));
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

void UsageBreakdown::setUsage(
    const NeuronMeter::Day& day, const QDateTime& resetAt, const QDateTime& exhaustedUntil, const ModelCatalog& catalog)
{
    const double used = day.neurons();
    m_bar->setValue(int(qMin(used, NeuronMeter::FreeDailyNeurons)));
    const int percent = int(qMin(999.0, used * 100.0 / NeuronMeter::FreeDailyNeurons));
    m_summary->setText(tr("%1 of %2 neurons used today (%3 %).")
                           .arg(number(used), number(NeuronMeter::FreeDailyNeurons))
                           .arg(percent));
    if (exhaustedUntil.isValid()) {
        m_exhausted->setText(tr("Workers AI says today's free allocation is used up. It answers again at %1; "
                                "messages you send meanwhile wait and go out then.")
                                 .arg(UsageMeter::resetText(exhaustedUntil)));
        m_exhausted->show();
    } else if (used >= NeuronMeter::FreeDailyNeurons * NeuronMeter::WarningFraction) {
        m_exhausted->setText(
            tr("Over %1 % of today's free allocation is used.").arg(int(NeuronMeter::WarningFraction * 100)));
        m_exhausted->show();
    } else {
        m_exhausted->hide();
    }
    m_resetAt = exhaustedUntil.isValid() ? exhaustedUntil : resetAt;

    m_table->clear();
    QList<QPair<QString, NeuronMeter::ModelUsage>> rows;
    for (auto it = day.models.cbegin(); it != day.models.cend(); ++it)
        rows.append({it.key(), *it});
    std::sort(
        rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.neurons > b.second.neurons; });
    for (const auto& [id, usage] : rows) {
        const std::optional<ModelInfo> info = catalog.find(id);
        auto* item = new QTreeWidgetItem(m_table);
        item->setText(0, info && !info->displayName.isEmpty() ? info->displayName : id);
        item->setToolTip(0, id);
        item->setText(1, QLocale().toString(usage.requests));
        item->setText(2,
            QStringLiteral("%1 / %2").arg(
                QLocale().toString(usage.promptTokens), QLocale().toString(usage.completionTokens)));
        item->setText(3,
            usage.neurons < 1 && usage.neurons > 0 ? QLocale().toString(usage.neurons, 'f', 2) : number(usage.neurons));
        for (int c = 1; c < 4; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    if (rows.isEmpty()) {
        auto* item = new QTreeWidgetItem(m_table);
        item->setText(0, tr("No replies yet today."));
        item->setDisabled(true);
    }
    const int rowHeight = qMax(m_table->sizeHintForRow(0), fontMetrics().height() + 4);
    m_table->setFixedHeight(m_table->header()->sizeHint().height() + rowHeight * qBound(1, int(rows.size()), 8) + 6);
    updateReset();
}

QString UsageBreakdown::summaryText() const
{
    return m_summary->text();
}

QString UsageBreakdown::resetLine() const
{
    return m_reset->text();
}

void UsageBreakdown::updateReset()
{
    if (!m_resetAt.isValid()) {
        m_reset->clear();
        return;
    }
    const qint64 seconds = qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_resetAt));
    m_reset->setText(tr("Resets at %1, in %2.").arg(UsageMeter::resetText(m_resetAt), countdown(seconds)));
}

void UsageBreakdown::showEvent(QShowEvent* event)
{
    QFrame::showEvent(event);
    updateReset();
    m_tick.start();
}

void UsageBreakdown::hideEvent(QHideEvent* event)
{
    m_tick.stop();
    QFrame::hideEvent(event);
}

} // namespace flarechat
