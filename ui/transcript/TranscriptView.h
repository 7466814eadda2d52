#pragma once

#include "TranscriptDelegate.h"

#include <QListView>
#include <QPointer>
#include <QTextBrowser>
#include <QTimer>

namespace flarechat {

class TranscriptModel;

// The conversation as a scrolling list of painted messages (TranscriptDelegate). Follows the end
// while a reply streams unless the user scrolled up; keeps the message at the top of the view in
// place when rows above it are re-measured. Message actions come out as signals; the chat pane
// decides what they mean.
class TranscriptView final : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TranscriptView)

public:
    explicit TranscriptView(QWidget* parent = nullptr);
    ~TranscriptView() override;

    void setTranscript(TranscriptModel* model);
    TranscriptModel* transcript() const { return m_model; }
    TranscriptDelegate* delegate() const { return m_delegate; }

    bool isFollowingEnd() const { return m_followEnd; }
    void scrollToEnd(); // and follow it again
    void revealRow(int row); // scrolls `row` to the top (a search hit) and stops following the end

    // Where an action's button of `row` is, in viewport coordinates (tests click it).
    QRect actionRect(int row, TranscriptDelegate::Action action);
    // Performs what clicking an action of `row` does.
    void trigger(int row, TranscriptDelegate::Action action);

    void doItemsLayout() override;

    // Text selection: pressing on a message's text lays a read-only, selectable copy of it over
    // the row (the rows themselves are painted, not widgets). It goes away on a click elsewhere,
    // Esc, scrolling, or a change of the row.
    QTextBrowser* selectionOverlay() const { return m_overlay; }
    int selectionRow() const { return m_overlayRow; }
    void endSelection();

Q_SIGNALS:
    void copyRequested(int row);
    void regenerateRequested(int row);
    void editRequested(int row);
    void deleteRequested(int row);
    void retryRequested(int row);
    void continueRequested(int row);
    void versionRequested(int row, int step); // -1: the previous version, +1: the next
    void linkActivated(const QUrl& url);
    void codeCopied(int row); // a code block's Copy button put its code on the clipboard

protected:
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QStyleOptionViewItem optionFor(const QModelIndex& index) const;
    TranscriptDelegate::Hit hitAt(const QModelIndex& index, const QPoint& viewportPos) const;
    void setHoveredRow(int row);
    void onRangeChanged(int min, int max);
    void onScrolled(int value);
    void refineSome();
    bool beginSelection(const QModelIndex& index, QMouseEvent* press);
    void forwardToOverlay(QMouseEvent* event);
    void restartRefining();

    TranscriptModel* m_model = nullptr;
    TranscriptDelegate* m_delegate;
    bool m_followEnd = true;
    bool m_adjusting = false; // scrolling done by the view itself, not the user
    QTimer m_refineTimer; // measures estimated rows in idle time
    int m_refineCursor = -1; // next row to measure, from the end upwards
    QPointer<QTextBrowser> m_overlay;
    int m_overlayRow = -1;
    bool m_forwarding = false; // a drag that started on text: moves go to the overlay
};

} // namespace flarechat
