#pragma once

#include <QComboBox>

class QLabel;

namespace flarechat {

// The Appearance page's text size (Settings::Key::TextSize): the system's, or a size in points for
// the conversation, the message box and the conversation list. Brings its own row label.
class TextSizeBox final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextSizeBox)

public:
    explicit TextSizeBox(QWidget* parent = nullptr);
    ~TextSizeBox() override;

    QLabel* label() const { return m_label; } // "Text size:", its buddy this box
    int points() const; // 0: the system's
    void setPoints(int points); // a size not offered (a hand-edited file) is added

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QLabel* m_label;
};

} // namespace flarechat
