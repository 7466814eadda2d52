#pragma once

#include <QPlainTextEdit>
#include <QTimer>

class QMimeData;

namespace flarechat {

// The message input: multi-line plain text where Enter sends and Shift+Enter starts a new line
// (or the other way round when "send on Enter" is off: then Ctrl+Enter sends). Esc asks to stop
// the reply being written; ↑ in the empty box asks to edit the last question (Shortcuts). Grows with its text up to a
// few lines, then scrolls. Pasted or dropped images and local files are not inserted as text: they are handed on as
// attachRequested(). The caret stops blinking after 10 s without input (as GTK's does), so an idle window does not wake
// up twice a second; any key, click or focus makes it blink again.
class ComposerEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerEdit)

public:
    explicit ComposerEdit(QWidget* parent = nullptr);
    ~ComposerEdit() override;

    void setSendOnEnter(bool sendOnEnter) { m_sendOnEnter = sendOnEnter; }
    bool sendOnEnter() const { return m_sendOnEnter; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    static constexpr int CaretRestMs = 10000;
    bool caretResting() const { return m_resting; }
    void setCaretRestMs(int ms) { m_caretRest.setInterval(ms); } // tests

Q_SIGNALS:
    void sendRequested();
    void escapePressed();
    void editLastRequested(); // Shortcuts::Id::EditLastQuestion while the box is empty
    // Files or an image were pasted or dropped (see Attachments::canAttach()). Valid only during
    // the emission.
    void attachRequested(const QMimeData* source);

protected:
    bool event(QEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;

private:
    int heightForLines(int lines) const;

    void restCaret();
    void wakeCaret();

    bool m_sendOnEnter = true;
    QTimer m_caretRest;
    bool m_resting = false;
};

} // namespace flarechat
