#include "ShortcutsDialog.h"

#include "Shortcuts.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flarechat {

ShortcutsDialog::ShortcutsDialog(QWidget* parent)
    : QDialog(parent)
    , m_intro(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    m_intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setColumnCount(2);
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::StrongFocus); // read with the arrow keys and a screen reader
    m_list->setAlternatingRowColors(false);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(10);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslate();
    resize(640, 500);
}

ShortcutsDialog::~ShortcutsDialog() = default;

void ShortcutsDialog::retranslate()
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_intro->setText(tr("FlareChat's keys. Esc stops a reply only while one is being written; otherwise it "
                        "belongs to the field you are in."));
    m_list->setHeaderLabels({tr("Action"), tr("Keys")});
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    m_list->clear();
    QFont bold = m_list->font();
    bold.setBold(true);
    const QList<Shortcuts::Group> groups = Shortcuts::groups();
    const QList<Shortcuts::Id> ids = Shortcuts::all();
    for (const Shortcuts::Group group : groups) {
        auto* header = new QTreeWidgetItem(m_list, {Shortcuts::groupName(group)});
        header->setFont(0, bold);
        header->setFirstColumnSpanned(true);
        header->setFlags(Qt::ItemIsEnabled);
        for (const Shortcuts::Id id : ids) {
            if (Shortcuts::group(id) != group)
                continue;
            auto* item = new QTreeWidgetItem(header, {Shortcuts::description(id), Shortcuts::keysText(id)});
            item->setData(0, Qt::UserRole, Shortcuts::idName(id));
            item->setFlags(Qt::ItemIsEnabled);
            item->setData(0, Qt::AccessibleTextRole,
                QStringLiteral("%1: %2").arg(Shortcuts::description(id), Shortcuts::keysText(id)));
        }
    }
    m_list->expandAll();
}

void ShortcutsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace flarechat
