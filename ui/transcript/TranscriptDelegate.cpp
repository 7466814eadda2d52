#include "TranscriptDelegate.h"

#include "MarkdownDocument.h"
#include "TranscriptModel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QElapsedTimer>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTextDocument>
#include <QtMath>

#include <algorithm>

namespace flarechat {

namespace {

constexpr int kOuterMargin = 16;
constexpr int kMaxColumn = 860;
constexpr int kPadH = 14;
constexpr int kPadV = 10;
constexpr int kTopGap = 10;
constexpr int kBottomGap = 4;
constexpr int kRadius = 10;
constexpr double kUserMaxFraction = 0.8;

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
        float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QFont smallFont(const QFont& font)
{
    QFont f = font;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    else
        f.setPixelSize(qMax(8, f.pixelSize() * 85 / 100));
    return f;
}

QString secondsText(qint64 ms)
{
    return QCoreApplication::translate("flarechat::TranscriptDelegate", "%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

QString thinkingTitle(const TranscriptMessage& m)
{
    const bool live = m.state == TranscriptMessage::State::Streaming && m.content.isEmpty();
    const QString arrow = m.thinkingExpanded() ? QStringLiteral("▾ ") : QStringLiteral("▸ ");
    if (live) {
        return arrow
            + (m.reasoningMs >= 0 ? QCoreApplication::translate("flarechat::TranscriptDelegate", "Thinking… %1")
                                        .arg(secondsText(m.reasoningMs))
                                  : QCoreApplication::translate("flarechat::TranscriptDelegate", "Thinking…"));
    }
    if (m.reasoningMs >= 0) {
        return arrow
            + QCoreApplication::translate("flarechat::TranscriptDelegate", "Thought for %1")
                  .arg(secondsText(m.reasoningMs));
    }
    return arrow + QCoreApplication::translate("flarechat::TranscriptDelegate", "Thinking");
}

} // namespace

TranscriptDelegate::TranscriptDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

TranscriptDelegate::~TranscriptDelegate() = default;

void TranscriptDelegate::setWidth(int width)
{
    m_width = qMax(120, width);
}

void TranscriptDelegate::clearCache()
{
    m_docs.clear();
    m_heights.clear();
}

QString TranscriptDelegate::actionText(Action action)
{
    switch (action) {
    case Action::Copy:
        return tr("Copy");
    case Action::Regenerate:
        return tr("Regenerate");
    case Action::Edit:
        return tr("Edit");
    case Action::Delete:
        return tr("Delete");
    case Action::Retry:
        return tr("Retry");
    case Action::Continue:
        return tr("Continue");
    case Action::PreviousVersion:
        return tr("Previous version");
    case Action::NextVersion:
        return tr("Next version");
    case Action::CopyCode:
        return tr("Copy code");
    default:
        return {};
    }
}

QList<TranscriptDelegate::Action> TranscriptDelegate::actionsFor(const TranscriptMessage& m) const
{
    if (m.state == TranscriptMessage::State::Streaming)
        return {};
    QList<Action> actions;
    if (!m.content.isEmpty())
        actions << Action::Copy;
    if (m.isUser())
        actions << Action::Edit;
    else if (m.isAssistant() && m.state == TranscriptMessage::State::Interrupted)
        actions << Action::Continue << Action::Regenerate;
    else if (m.isAssistant())
        actions << Action::Regenerate;
    actions << Action::Delete;
    return actions;
}

const TranscriptMessage* TranscriptDelegate::messageAt(const QModelIndex& index) const
{
    const auto* model = qobject_cast<const TranscriptModel*>(index.model());
    if (!model || !index.isValid() || index.row() >= model->rowCount())
        return nullptr;
    return &model->at(index.row());
}

QRect TranscriptDelegate::columnRect() const
{
    const int available = m_width - 2 * kOuterMargin;
    const int column = qMax(80, qMin(kMaxColumn, available));
    const int left = (m_width - column) / 2;
    return QRect(left, 0, column, 0);
}

TranscriptDelegate::Docs* TranscriptDelegate::docsFor(
    const QStyleOptionViewItem& option, const TranscriptMessage& m, int textWidth) const
{
    Docs& d = m_docs[m.uid];
    d.lastUse = ++m_useCounter;
    const bool dark = isDark(option.palette);
    if (d.revision != m.revision || d.dark != dark || !d.content) {
        // While a reply streams only its open last block is rendered again (IncrementalMarkdown).
        if (!d.content)
            d.content = std::make_shared<QTextDocument>();
        d.contentMarkdown.update(d.content.get(), m.content, option.font, option.palette);
        if (!m.reasoning.isEmpty()) {
            if (!d.reasoning)
                d.reasoning = std::make_shared<QTextDocument>();
            d.reasoningMarkdown.update(d.reasoning.get(), m.reasoning, smallFont(option.font), option.palette);
        } else {
            d.reasoning.reset();
            d.reasoningMarkdown.reset();
        }
        d.revision = m.revision;
        d.dark = dark;
    }
    // Setting a width lays the whole document out again, even the same width: only on a change.
    if (d.content->textWidth() != textWidth)
        d.content->setTextWidth(textWidth);
    if (d.reasoning && d.reasoning->textWidth() != textWidth - 10)
        d.reasoning->setTextWidth(textWidth - 10);
    d.textWidth = textWidth;
    if (m_docs.size() > MaxCachedDocuments)
        evictDocuments();
    return &m_docs[m.uid];
}

void TranscriptDelegate::evictDocuments() const
{
    // Drop the least recently used half; heights stay known, so the layout does not change.
    QList<quint64> uses;
    uses.reserve(m_docs.size());
    for (auto it = m_docs.cbegin(); it != m_docs.cend(); ++it)
        uses << it->lastUse;
    std::sort(uses.begin(), uses.end());
    const quint64 cutoff = uses.at(uses.size() / 2);
    for (auto it = m_docs.begin(); it != m_docs.end();) {
        if (it->lastUse < cutoff)
            it = m_docs.erase(it);
        else
            ++it;
    }
}

TranscriptDelegate::Layout TranscriptDelegate::layout(
    const QStyleOptionViewItem& option, const TranscriptMessage& m) const
{
    Layout l;
    const QRect column = columnRect();
    const QFontMetrics fm(option.font);
    const QFontMetrics small(smallFont(option.font));
    const bool user = m.isUser();
    const int bubbleMax = user ? int(column.width() * kUserMaxFraction) : column.width();
    const int textWidth = qMax(40, bubbleMax - 2 * kPadH);
    l.docs = docsFor(option, m, textWidth);

    int innerWidth = textWidth;
    if (user) {
        const int ideal = qCeil(l.docs->content->idealWidth());
        innerWidth = qBound(fm.horizontalAdvance(QStringLiteral("MMMM")), ideal, textWidth);
    }
    const int bubbleWidth = innerWidth + 2 * kPadH;
    const int bubbleLeft = user ? column.right() + 1 - bubbleWidth : column.left();
    const int innerLeft = bubbleLeft + kPadH;

    int y = kTopGap;
    const int bubbleTop = y;
    y += kPadV;
    const bool hasReasoning = !m.reasoning.isEmpty();
    if (hasReasoning) {
        l.thinkingHeader = QRect(innerLeft, y, innerWidth, small.height() + 8);
        y += l.thinkingHeader.height() + 4;
        if (m.thinkingExpanded() && l.docs->reasoning) {
            l.reasoning = QRect(innerLeft + 10, y, innerWidth - 10, qCeil(l.docs->reasoning->size().height()));
            y += l.reasoning.height() + 8;
        }
    }
    const bool error = m.state == TranscriptMessage::State::Error;
    if (!m.content.isEmpty()) {
        l.content = QRect(innerLeft, y, innerWidth, qCeil(l.docs->content->size().height()));
        y += l.content.height();
    } else if (!hasReasoning && !error) {
        l.content = QRect(innerLeft, y, innerWidth, fm.height()); // the "…" of a reply not yet started
        y += l.content.height();
    }
    if (error) {
        if (!m.content.isEmpty() || hasReasoning)
            y += 8;
        const QRect bound = fm.boundingRect(QRect(0, 0, innerWidth, 100000), Qt::TextWordWrap, m.error);
        l.error = QRect(innerLeft, y, innerWidth, bound.height());
        y += l.error.height() + 8;
        const int buttonWidth = fm.horizontalAdvance(actionText(Action::Retry)) + 32;
        l.retry = QRect(innerLeft, y, buttonWidth, fm.height() + 12);
        y += l.retry.height();
    }
    y += kPadV;
    l.bubble = QRect(bubbleLeft, bubbleTop, bubbleWidth, y - bubbleTop);

    y += 3;
    l.footer = QRect(column.left(), y, column.width(), small.height() + 4);
    // The footer line: "◀ 2/3 ▶" next to the bubble's edge, the meta text, and the actions
    // away from the meta text.
    const QString meta = TranscriptModel::metaText(m);
    const int metaWidth = small.horizontalAdvance(meta);
    int versionsWidth = 0;
    if (m.branchCount > 1) {
        const int arrow = small.horizontalAdvance(QStringLiteral("◀")) + 12;
        const int label = small.horizontalAdvance(QStringLiteral("%1/%2").arg(m.branchCount).arg(m.branchCount)) + 4;
        versionsWidth = 2 * arrow + label;
        const int left = user ? column.right() + 1 - versionsWidth : column.left();
        l.previousVersion = QRect(left, l.footer.top(), arrow, l.footer.height());
        l.versionLabel = QRect(left + arrow, l.footer.top(), label, l.footer.height());
        l.nextVersion = QRect(left + arrow + label, l.footer.top(), arrow, l.footer.height());
        versionsWidth += 6;
    }
    if (user)
        l.meta = QRect(column.left(), l.footer.top(), column.width() - versionsWidth, l.footer.height());
    else
        l.meta
            = QRect(column.left() + versionsWidth, l.footer.top(), column.width() - versionsWidth, l.footer.height());
    int x = user ? column.right() + 1 - versionsWidth - metaWidth - 16 : column.right() + 1;
    const QList<Action> actions = actionsFor(m);
    for (auto it = actions.crbegin(); it != actions.crend(); ++it) {
        const int w = small.horizontalAdvance(actionText(*it)) + 12;
        x -= w;
        l.actions.prepend({*it, QRect(x, l.footer.top(), w, l.footer.height())});
        x -= 2;
    }
    y += l.footer.height() + kBottomGap;
    l.height = y;
    return l;
}

int TranscriptDelegate::estimateHeight(const QStyleOptionViewItem& option, const TranscriptMessage& m) const
{
    // Rough line count from the average character width: good enough to size the scroll range
    // until the row is measured.
    const QRect column = columnRect();
    const QFontMetrics fm(option.font);
    const QFontMetrics small(smallFont(option.font));
    const int bubbleMax = m.isUser() ? int(column.width() * kUserMaxFraction) : column.width();
    const int textWidth = qMax(40, bubbleMax - 2 * kPadH);
    const int charsPerLine = qMax(10, textWidth / qMax(1, fm.averageCharWidth()));
    int lines = 0;
    for (const QStringView line : QStringView(m.content).split(QLatin1Char('\n')))
        lines += qMax(1, int((line.size() + charsPerLine - 1) / charsPerLine));
    int h = kTopGap + 2 * kPadV + qMax(1, lines) * fm.lineSpacing();
    if (!m.reasoning.isEmpty())
        h += small.height() + 12;
    if (m.state == TranscriptMessage::State::Error)
        h += 2 * fm.height() + 28;
    h += 3 + small.height() + 4 + kBottomGap;
    return h;
}

int TranscriptDelegate::exactHeight(const QStyleOptionViewItem& option, const TranscriptMessage& m) const
{
    Height& h = m_heights[m.uid];
    if (h.estimated || h.revision != m.revision || h.width != m_width) {
        h.height = layout(option, m).height;
        h.revision = m.revision;
        h.width = m_width;
        h.estimated = false;
    }
    return h.height;
}

QSize TranscriptDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const TranscriptMessage* m = messageAt(index);
    if (!m)
        return {};
    auto it = m_heights.find(m->uid);
    if (it != m_heights.end() && it->revision == m->revision && it->width == m_width)
        return QSize(m_width, it->height);
    // A row is measured here only if its documents are at hand (the streaming row, rows on
    // screen); the rest are estimated and measured when painted or in idle time.
    if (m_docs.contains(m->uid))
        return QSize(m_width, exactHeight(option, *m));
    Height& h = m_heights[m->uid];
    h.height = estimateHeight(option, *m);
    h.revision = m->revision;
    h.width = m_width;
    h.estimated = true;
    return QSize(m_width, h.height);
}

bool TranscriptDelegate::isEstimated(const QModelIndex& index) const
{
    const TranscriptMessage* m = messageAt(index);
    if (!m)
        return false;
    auto it = m_heights.constFind(m->uid);
    return it == m_heights.cend() || it->estimated || it->revision != m->revision || it->width != m_width;
}

bool TranscriptDelegate::refineRow(const QStyleOptionViewItem& option, const QModelIndex& index)
{
    const TranscriptMessage* m = messageAt(index);
    if (!m || !isEstimated(index))
        return false;
    const int before = m_heights.value(m->uid).height;
    // Measuring needs the documents; drop them again unless they were there already, so a
    // background pass over a long conversation does not fill memory.
    const bool hadDocs = m_docs.contains(m->uid);
    const bool changed = exactHeight(option, *m) != before;
    if (!hadDocs)
        m_docs.remove(m->uid);
    return changed;
}

QList<QPair<QRect, QString>> TranscriptDelegate::codeCopyButtons(
    const QStyleOptionViewItem& option, const Layout& l) const
{
    QList<QPair<QRect, QString>> out;
    if (!l.docs || !l.docs->content || !l.content.isValid())
        return out;
    const QFontMetrics small(smallFont(option.font));
    const QString label = actionText(Action::CopyCode);
    const int w = small.horizontalAdvance(label) + 14;
    const int h = small.height() + 6;
    for (const MarkdownDocument::CodeBlock& block : MarkdownDocument::codeBlocks(l.docs->content.get())) {
        const QRect r = block.rect.toAlignedRect().translated(l.content.topLeft());
        out.append({QRect(r.right() - w - 4, r.top() + 3, w, h), block.text});
    }
    return out;
}

TranscriptDelegate::TextArea TranscriptDelegate::textArea(
    const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const TranscriptMessage* m = messageAt(index);
    if (!m || m->content.isEmpty())
        return {};
    const Layout l = layout(option, *m);
    return {l.content, l.docs ? l.docs->content.get() : nullptr};
}

QRect TranscriptDelegate::actionRect(const QStyleOptionViewItem& option, const QModelIndex& index, Action action) const
{
    const TranscriptMessage* m = messageAt(index);
    if (!m)
        return {};
    const Layout l = layout(option, *m);
    if (action == Action::Retry)
        return l.retry;
    if (action == Action::ToggleThinking)
        return l.thinkingHeader;
    if (action == Action::PreviousVersion)
        return l.previousVersion;
    if (action == Action::NextVersion)
        return l.nextVersion;
    if (action == Action::CopyCode) {
        const auto buttons = codeCopyButtons(option, l);
        return buttons.isEmpty() ? QRect() : buttons.first().first;
    }
    for (const auto& a : l.actions) {
        if (a.first == action)
            return a.second;
    }
    return {};
}

TranscriptDelegate::Hit TranscriptDelegate::hitTest(
    const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos) const
{
    const TranscriptMessage* m = messageAt(index);
    if (!m)
        return {};
    const Layout l = layout(option, *m);
    if (l.retry.contains(pos))
        return {Action::Retry, {}};
    if (l.thinkingHeader.contains(pos))
        return {Action::ToggleThinking, {}};
    if (l.previousVersion.contains(pos) && m->branchIndex > 1)
        return {Action::PreviousVersion, {}};
    if (l.nextVersion.contains(pos) && m->branchIndex < m->branchCount)
        return {Action::NextVersion, {}};
    if (l.content.contains(pos)) {
        for (const auto& button : codeCopyButtons(option, l)) {
            if (button.first.contains(pos))
                return {Action::CopyCode, {}, button.second};
        }
    }
    for (const auto& a : l.actions) {
        if (a.second.contains(pos))
            return {a.first, {}};
    }
    auto anchor = [](QTextDocument* doc, const QRect& rect, const QPoint& p) -> QUrl {
        if (!doc || !rect.contains(p))
            return {};
        const QString href = doc->documentLayout()->anchorAt(QPointF(p - rect.topLeft()));
        return href.isEmpty() ? QUrl() : QUrl(href);
    };
    QUrl link = anchor(l.docs->content.get(), l.content, pos);
    if (link.isEmpty() && l.reasoning.isValid())
        link = anchor(l.docs->reasoning.get(), l.reasoning, pos);
    if (!link.isEmpty())
        return {Action::Link, link};
    return {};
}

void TranscriptDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const TranscriptMessage* m = messageAt(index);
    if (!m)
        return;
    const Layout l = layout(option, *m);
    // A row painted for the first time may not be as tall as its estimate: have the view lay out again.
    m_heights[m->uid] = Height {m->revision, m_width, l.height, false};
    if (option.rect.height() != l.height) {
        auto* self = const_cast<TranscriptDelegate*>(this);
        QMetaObject::invokeMethod(
            self, [self, row = QPersistentModelIndex(index)] { Q_EMIT self->rowHeightCorrected(row); },
            Qt::QueuedConnection);
    }

    const QPalette& pal = option.palette;
    const bool dark = isDark(pal);
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor muted = blend(base, text, 0.55);
    const bool error = m->state == TranscriptMessage::State::Error;

    painter->save();
    painter->translate(option.rect.topLeft());
    painter->setRenderHint(QPainter::Antialiasing, true);

    QColor fill;
    if (m->isUser())
        fill = blend(base, pal.color(QPalette::Highlight), dark ? 0.35 : 0.16);
    else
        fill = blend(base, text, dark ? 0.07 : 0.035);
    if (error)
        fill = blend(fill, QColor(220, 50, 50), dark ? 0.18 : 0.08);
    QPainterPath path;
    path.addRoundedRect(QRectF(l.bubble).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    painter->fillPath(path, fill);
    if (error) {
        painter->setPen(QPen(QColor(220, 50, 50, 160), 1));
        painter->drawPath(path);
    }

    auto drawDoc = [&](QTextDocument* doc, const QRect& rect, const QColor& color) {
        if (!doc || !rect.isValid())
            return;
        // Only what is on screen: a long reply reaches far above the viewport, and laying out and
        // drawing all of it on every streamed token cost more the longer it grew.
        QRectF visible = rect;
        if (painter->hasClipping())
            visible = visible.intersected(painter->clipBoundingRect());
        else if (painter->device())
            visible = visible.intersected(QRectF(0, 0, painter->device()->width(), painter->device()->height()));
        if (visible.isEmpty())
            return;
        painter->save();
        painter->translate(rect.topLeft());
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.palette = pal;
        ctx.palette.setColor(QPalette::Text, color);
        ctx.clip = visible.translated(-QPointF(rect.topLeft()));
        doc->documentLayout()->draw(painter, ctx);
        painter->restore();
    };

    const QFont small = smallFont(option.font);
    if (l.thinkingHeader.isValid()) {
        painter->setFont(small);
        painter->setPen(muted);
        painter->drawText(l.thinkingHeader.adjusted(0, 0, 0, -4), Qt::AlignLeft | Qt::AlignVCenter, thinkingTitle(*m));
        if (l.reasoning.isValid()) {
            painter->fillRect(
                QRect(l.reasoning.left() - 10, l.reasoning.top(), 2, l.reasoning.height()), blend(base, text, 0.25));
            drawDoc(l.docs->reasoning.get(), l.reasoning, muted);
        }
    }
    if (!m->content.isEmpty()) {
        if (index.row() != m_overlaidRow)
            drawDoc(l.docs->content.get(), l.content, text);
    } else if (l.content.isValid()) {
        painter->setFont(option.font);
        painter->setPen(muted);
        painter->drawText(l.content, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("…"));
    }
    if (error) {
        painter->setFont(option.font);
        painter->setPen(dark ? QColor(255, 140, 140) : QColor(170, 20, 20));
        painter->drawText(l.error, Qt::TextWordWrap, m->error);
        QStyleOptionButton button;
        button.rect = l.retry.translated(option.rect.topLeft());
        button.text = actionText(Action::Retry);
        button.palette = pal;
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        button.fontMetrics = QFontMetrics(option.font);
        painter->restore();
        painter->save();
        QStyle* style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_PushButton, &button, painter, option.widget);
        painter->translate(option.rect.topLeft());
    }

    painter->setFont(small);
    painter->setPen(muted);
    const QString meta = TranscriptModel::metaText(*m);
    painter->drawText(l.meta, (m->isUser() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, meta);
    if (l.versionLabel.isValid()) {
        const QColor link = pal.color(QPalette::Link);
        painter->setPen(m->branchIndex > 1 ? link : blend(base, text, 0.3));
        painter->drawText(l.previousVersion, Qt::AlignCenter, QStringLiteral("◀"));
        painter->setPen(muted);
        painter->drawText(
            l.versionLabel, Qt::AlignCenter, QStringLiteral("%1/%2").arg(m->branchIndex).arg(m->branchCount));
        painter->setPen(m->branchIndex < m->branchCount ? link : blend(base, text, 0.3));
        painter->drawText(l.nextVersion, Qt::AlignCenter, QStringLiteral("▶"));
    }
    if (index.row() == m_hoveredRow) {
        painter->setPen(pal.color(QPalette::Link));
        for (const auto& a : l.actions)
            painter->drawText(a.second, Qt::AlignCenter, actionText(a.first));
        const auto copyButtons = codeCopyButtons(option, l);
        for (const auto& button : copyButtons) {
            QPainterPath chip;
            chip.addRoundedRect(QRectF(button.first), 4, 4);
            painter->fillPath(chip, base);
            painter->setPen(pal.color(QPalette::Link));
            painter->drawText(button.first, Qt::AlignCenter, actionText(Action::CopyCode));
        }
    }
    painter->restore();
}

} // namespace flarechat
