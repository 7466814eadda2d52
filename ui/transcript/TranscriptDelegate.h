#pragma once

#include "IncrementalMarkdown.h"
#include "TranscriptMessage.h"

#include <QHash>
#include <QPointer>
#include <QRect>
#include <QStyledItemDelegate>
#include <QUrl>

#include <memory>

class QTextDocument;

namespace flarechat {

class TranscriptModel;

// Paints one transcript message per row: a bubble with the Markdown text (QTextDocument), a
// collapsible Thinking block, an error with Retry, a line of model/time/tokens and, under the
// hovered row, the message actions. Rows have no widgets: documents are built when a row is first
// painted or measured and kept in a bounded cache, and rows never seen get an estimated height
// (refined in idle time by the view), so a 2,000-message conversation opens without parsing it.
class TranscriptDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TranscriptDelegate)

public:
    enum class Action {
        None,
        Copy,
        Regenerate,
        Edit,
        Delete,
        Retry,
        Continue,
        ToggleThinking,
        PreviousVersion, // ◀ of "◀ 2/3 ▶"
        NextVersion,
        CopyCode, // the Copy button on a code block (Hit::text holds the code)
        Link,
    };
    struct Hit
    {
        Action action = Action::None;
        QUrl link;
        QString text;
    };

    static constexpr int MaxCachedDocuments = 300;

    explicit TranscriptDelegate(QObject* parent = nullptr);
    ~TranscriptDelegate() override;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The width rows are laid out for (the view's viewport width).
    void setWidth(int width);
    int width() const { return m_width; }
    void setHoveredRow(int row) { m_hoveredRow = row; }
    // The row whose text a selectable overlay covers: its content is not painted underneath.
    void setOverlaidRow(int row) { m_overlaidRow = row; }
    int hoveredRow() const { return m_hoveredRow; }
    void clearCache(); // after a font or palette change
    int cachedDocumentCount() const { return int(m_docs.size()); }

    // What is under `pos` (relative to the row's top-left corner).
    Hit hitTest(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos) const;
    // Where an action's button is, relative to the row's top-left corner; empty if the row has none.
    QRect actionRect(const QStyleOptionViewItem& option, const QModelIndex& index, Action action) const;
    // Where the message text is, relative to the row, and its rendered document (null if none).
    struct TextArea
    {
        QRect rect;
        const QTextDocument* document = nullptr;
    };
    TextArea textArea(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    QList<Action> actionsFor(const TranscriptMessage& message) const;
    static QString actionText(Action action);

    // Measures a row whose height is still an estimate; returns true if its height changed (the
    // view then lays the rows out again). The view calls it in idle time.
    bool refineRow(const QStyleOptionViewItem& option, const QModelIndex& index);
    bool isEstimated(const QModelIndex& index) const;

Q_SIGNALS:
    // A painted row turned out taller or shorter than its estimate.
    void rowHeightCorrected(const QModelIndex& index);

private:
    struct Docs
    {
        int revision = -1;
        int textWidth = -1;
        bool dark = false;
        std::shared_ptr<QTextDocument> content; // shared: QHash needs copyable values
        std::shared_ptr<QTextDocument> reasoning;
        IncrementalMarkdown contentMarkdown; // what of each document is kept between revisions
        IncrementalMarkdown reasoningMarkdown;
        quint64 lastUse = 0;
    };
    struct Height
    {
        int revision = -1;
        int width = -1;
        int height = 0;
        bool estimated = true;
    };
    struct Layout
    {
        QRect bubble;
        QRect thinkingHeader;
        QRect reasoning;
        QRect content;
        QRect error;
        QRect retry;
        QRect footer;
        QRect meta;
        QRect previousVersion; // "◀", the "2/3" and "▶" when the message has other versions
        QRect versionLabel;
        QRect nextVersion;
        QList<QPair<Action, QRect>> actions;
        int height = 0;
        Docs* docs = nullptr;
    };

    const TranscriptMessage* messageAt(const QModelIndex& index) const;
    // The Copy buttons of the content's code blocks, relative to the row, with the code.
    QList<QPair<QRect, QString>> codeCopyButtons(const QStyleOptionViewItem& option, const Layout& layout) const;
    Layout layout(const QStyleOptionViewItem& option, const TranscriptMessage& message) const;
    Docs* docsFor(const QStyleOptionViewItem& option, const TranscriptMessage& message, int textWidth) const;
    int estimateHeight(const QStyleOptionViewItem& option, const TranscriptMessage& message) const;
    int exactHeight(const QStyleOptionViewItem& option, const TranscriptMessage& message) const;
    void evictDocuments() const;
    QRect columnRect() const;

    int m_width = 600;
    int m_hoveredRow = -1;
    int m_overlaidRow = -1;
    mutable QHash<quint64, Docs> m_docs;
    mutable QHash<quint64, Height> m_heights;
    mutable quint64 m_useCounter = 0;
};

} // namespace flarechat
