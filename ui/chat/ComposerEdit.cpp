#include "ComposerEdit.h"

#include "Attachments.h"

#include <QKeyEvent>
#include <QTextBlock>
#include <QTextLayout>

namespace flarechat {

namespace {
constexpr int kMinLines = 2;
constexpr int kMaxLines = 10;
} // namespace

ComposerEdit::ComposerEdit(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Message… (Enter to send, Shift+Enter for a new line)"));
    setAccessibleName(tr("Message"));
    connect(document(), &QTextDocument::contentsChanged, this, &QWidget::updateGeometry);
}

ComposerEdit::~ComposerEdit() = default;

int ComposerEdit::heightForLines(int lines) const
{
    const int margins = contentsMargins().top() + contentsMargins().bottom() + int(document()->documentMargin() * 2);
    return lines * fontMetrics().lineSpacing() + margins;
}

QSize ComposerEdit::sizeHint() const
{
    // Wrapped lines count: the layout knows them once the widget has a width.
    int lines = 0;
    for (QTextBlock b = document()->begin(); b.isValid(); b = b.next())
        lines += qMax(1, b.layout() ? b.layout()->lineCount() : 1);
    return {QPlainTextEdit::sizeHint().width(), heightForLines(qBound(kMinLines, lines, kMaxLines))};
}

QSize ComposerEdit::minimumSizeHint() const
{
    return {100, heightForLines(kMinLines)};
}

void ComposerEdit::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter) {
        const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
        const bool send = m_sendOnEnter ? mods == Qt::NoModifier : mods == Qt::ControlModifier;
        if (send) {
            Q_EMIT sendRequested();
            event->accept();
            return;
        }
        if (mods == Qt::ShiftModifier || mods == Qt::NoModifier) {
            insertPlainText(QStringLiteral("\n"));
            event->accept();
            return;
        }
        if (m_sendOnEnter && mods == Qt::ControlModifier) {
            Q_EMIT sendRequested(); // Ctrl+Enter sends either way, as in most chat apps
            event->accept();
            return;
        }
    }
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        Q_EMIT escapePressed();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool ComposerEdit::canInsertFromMimeData(const QMimeData* source) const
{
    return Attachments::canAttach(source) || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposerEdit::insertFromMimeData(const QMimeData* source)
{
    if (Attachments::canAttach(source)) {
        Q_EMIT attachRequested(source);
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace flarechat
