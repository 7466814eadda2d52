#pragma once

#include <QPlainTextEdit>

class QMimeData;

namespace flarechat {

// The message input: multi-line plain text where Enter sends and Shift+Enter starts a new line
// (or the other way round when "send on Enter" is off: then Ctrl+Enter sends). Esc asks to stop
// the reply being written. Grows with its text up to a few lines, then scrolls. Pasted or dropped
// images and local files are not inserted as text: they are handed on as attachRequested().
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

Q_SIGNALS:
    void sendRequested();
    void escapePressed();
    // Files or an image were pasted or dropped (see Attachments::canAttach()). Valid only during
    // the emission.
    void attachRequested(const QMimeData* source);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;

private:
    int heightForLines(int lines) const;

    bool m_sendOnEnter = true;
};

} // namespace flarechat
