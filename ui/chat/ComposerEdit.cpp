#include "ComposerEdit.h"

#include "Attachments.h"
#include "Shortcuts.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QStyleHints>
#include <QTextBlock>
#include <QTextLayout>

namespace flarechat {

namespace {
constexpr int kMinLines = 2;
constexpr int kMaxLines = 10;
} // namespace

namespace {

// The platform's caret flash time, as it was before a resting caret set it to 0.
int blinkFlashTime()
{
    static const int platform = QGuiApplication::styleHints()->cursorFlashTime();
    return platform;
}

} // namespace

ComposerEdit::ComposerEdit(QWidget* parent)
    : QPlainTextEdit(parent)
{
    blinkFlashTime(); // the platform's, before any rest changes it
    m_caretRest.setSingleShot(true);
    m_caretRest.setInterval(CaretRestMs);
    m_caretRest.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_caretRest, &QTimer::timeout, this, &ComposerEdit::restCaret);
    setTabChangesFocus(true);
    // Its placeholder and accessible name are the Composer's, which follows the language.
    connect(document(), &QTextDocument::contentsChanged, this, &QWidget::updateGeometry);
}

ComposerEdit::~ComposerEdit()
{
    if (m_resting)
        QGuiApplication::styleHints()->setCursorFlashTime(blinkFlashTime());
}

void ComposerEdit::restCaret()
{
    if (m_resting || !hasFocus())
        return;
    m_resting = true;
    // A flash time of 0 is a caret that does not blink; the text control reads it when it gets
    // the focus, so it is told it got it again.
    QGuiApplication::styleHints()->setCursorFlashTime(0);
    QFocusEvent in(QEvent::FocusIn, Qt::OtherFocusReason);
    QPlainTextEdit::focusInEvent(&in);
}

void ComposerEdit::wakeCaret()
{
    if (m_resting) {
        m_resting = false;
        QGuiApplication::styleHints()->setCursorFlashTime(blinkFlashTime());
        QFocusEvent in(QEvent::FocusIn, Qt::OtherFocusReason);
        QPlainTextEdit::focusInEvent(&in);
    }
    m_caretRest.start();
}

bool ComposerEdit::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::Wheel)
        wakeCaret();
    return QPlainTextEdit::viewportEvent(event);
}

bool ComposerEdit::event(QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::InputMethod:
    case QEvent::Wheel:
        wakeCaret();
        break;
    case QEvent::FocusIn: {
        const bool result = QPlainTextEdit::event(event);
        wakeCaret();
        return result;
    }
    case QEvent::FocusOut:
        m_caretRest.stop();
        if (m_resting) {
            m_resting = false;
            QGuiApplication::styleHints()->setCursorFlashTime(blinkFlashTime());
        }
        break;
    default:
        break;
    }
    return QPlainTextEdit::event(event);
}

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
    if (document()->isEmpty() && Shortcuts::matches(Shortcuts::Id::EditLastQuestion, event)) {
        Q_EMIT editLastRequested();
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
