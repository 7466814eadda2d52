#include "ModelsPage.h"

#include "LanguageChange.h"
#include "SettingsForm.h"
#include "storage/Settings.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace flarechat {

namespace {
enum Column { AliasColumn, ModelColumn };
}

ModelsPage::ModelsPage(Settings* settings, const ModelCatalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_catalog(catalog)
{
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel;
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_table = new QTableWidget(0, 2);
    m_table->setObjectName(QStringLiteral("modelAliases"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(AliasColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(AliasColumn, 160);
    layout->addWidget(m_table, 1);
    m_add = new QPushButton;
    m_add->setObjectName(QStringLiteral("addAlias"));
    m_remove = new QPushButton;
    m_remove->setObjectName(QStringLiteral("removeAlias"));
    m_remove->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_error = SettingsForm::errorLabel(QStringLiteral("modelsError"));
    layout->addWidget(m_error);
    connect(m_add, &QPushButton::clicked, this, [this] {
        const int row = addAlias();
        m_table->setCurrentCell(row, AliasColumn);
        m_table->editItem(m_table->item(row, AliasColumn));
    });
    connect(m_remove, &QPushButton::clicked, this, &ModelsPage::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
        [this] { m_remove->setEnabled(!m_table->selectedItems().isEmpty() || m_table->currentRow() >= 0); });
    retranslated(this, [this] { retranslate(); });
}

ModelsPage::~ModelsPage() = default;

QString ModelsPage::title() const
{
    return SettingsForm::tr("Models");
}

void ModelsPage::retranslate()
{
    m_intro->setText(SettingsForm::tr("Names of your own for models, which programs using the local API and "
                                      "FlareChat's command line can send as the model. A name cannot be one "
                                      "FlareChat already gives a model."));
    m_table->setHorizontalHeaderLabels({SettingsForm::tr("Name"), SettingsForm::tr("Model")});
    m_table->setAccessibleName(SettingsForm::tr("Model names"));
    m_add->setText(SettingsForm::tr("&Add Name"));
    m_remove->setText(SettingsForm::tr("&Remove"));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (auto* box = qobject_cast<QComboBox*>(m_table->cellWidget(row, ModelColumn)))
            box->setAccessibleName(SettingsForm::tr("Model for the name in row %1").arg(row + 1));
    }
}

int ModelsPage::addAlias(const QString& alias, const QString& target)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, AliasColumn, new QTableWidgetItem(alias));
    auto* box = new QComboBox;
    box->setObjectName(QStringLiteral("aliasTarget"));
    const QList<ModelInfo> models = m_catalog.models();
    for (const ModelInfo& m : models) {
        const QString name = m.displayName.isEmpty() ? m.id : m.displayName;
        box->addItem(QStringLiteral("%1 (%2)").arg(name, m.alias.isEmpty() ? m.id : m.alias), m.id);
    }
    if (!target.isEmpty()) {
        const std::optional<ModelInfo> known = m_catalog.find(target);
        const QString id = known ? known->id : target.trimmed();
        if (box->findData(id) < 0)
            box->addItem(id, id); // a model the catalog does not list (yet): kept as it was chosen
        box->setCurrentIndex(box->findData(id));
    }
    m_table->setCellWidget(row, ModelColumn, box);
    retranslate();
    return row;
}

void ModelsPage::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    m_remove->setEnabled(m_table->rowCount() > 0 && m_table->currentRow() >= 0);
    retranslate();
}

UserAliases::Rows ModelsPage::rows() const
{
    UserAliases::Rows out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* item = m_table->item(row, AliasColumn);
        const auto* box = qobject_cast<QComboBox*>(m_table->cellWidget(row, ModelColumn));
        out.append({item ? item->text().trimmed() : QString(), box ? box->currentData().toString() : QString()});
    }
    return out;
}

void ModelsPage::load()
{
    m_table->setRowCount(0);
    const UserAliases::Rows stored = UserAliases::read(*m_settings);
    for (const auto& row : stored)
        addAlias(row.first, row.second);
    m_error->hide();
}

QString ModelsPage::problemText(ModelCatalog::AliasProblem problem, const QString& alias) const
{
    switch (problem) {
    case ModelCatalog::AliasProblem::None:
        return {};
    case ModelCatalog::AliasProblem::Empty:
        return SettingsForm::tr("A row has no name: enter one, or remove the row.");
    case ModelCatalog::AliasProblem::HasSpace:
        return SettingsForm::tr("“%1” has a space in it: a model name is one word, such as my-coder.").arg(alias);
    case ModelCatalog::AliasProblem::LooksLikeId:
        return SettingsForm::tr("“%1” starts with @, as Cloudflare's model ids do: choose a name without it.")
            .arg(alias);
    case ModelCatalog::AliasProblem::ShadowsBuiltIn:
        return SettingsForm::tr("“%1” is a name FlareChat already gives a model, and programs rely on what it means: "
                                "choose another.")
            .arg(alias);
    case ModelCatalog::AliasProblem::BadTarget:
        return SettingsForm::tr("Choose the model “%1” runs.").arg(alias);
    case ModelCatalog::AliasProblem::Duplicate:
        return SettingsForm::tr("“%1” is on the list twice: remove one of them.").arg(alias);
    }
    return {};
}

QStringList ModelsPage::problems() const
{
    const UserAliases::Rows table = rows();
    const QList<ModelCatalog::AliasProblem> verdicts = m_catalog.checkUserAliases(table);
    QStringList out;
    for (int i = 0; i < verdicts.size(); ++i) {
        const QString text = problemText(verdicts.at(i), table.at(i).first);
        if (!text.isEmpty() && !out.contains(text))
            out.append(text);
    }
    return out;
}

void ModelsPage::save()
{
    UserAliases::write(m_settings, rows());
}

void ModelsPage::showErrors(const QStringList& errors)
{
    SettingsForm::showErrors(m_error, errors);
}

QString ModelsPage::errorText() const
{
    return m_error->text();
}

} // namespace flarechat
