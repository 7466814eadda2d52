#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTreeWidget;

namespace flarechat {

// Help → Keyboard Shortcuts: every entry of the Shortcuts table, grouped, each with its keys in
// the platform's words. Rebuilt when the language changes, so it is never out of date.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    explicit ShortcutsDialog(QWidget* parent = nullptr);
    ~ShortcutsDialog() override;

    QTreeWidget* list() const { return m_list; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QLabel* m_intro;
    QTreeWidget* m_list;
    QDialogButtonBox* m_buttons;
};

} // namespace flarechat
