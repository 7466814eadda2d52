#pragma once

#include "SettingsPage.h"
#include "storage/UserAliases.h"
#include "workersai/ModelCatalog.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace flarechat {

class Settings;

// The settings window's Models page: the user's own model names (aliases), each a row of a name
// and the catalog's model it runs, for the window's picker and for API clients alike. Which names
// are allowed is the catalog's rule (ModelCatalog::checkUserAliases()); the page words it.
class ModelsPage final : public QWidget, public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelsPage)

public:
    ModelsPage(Settings* settings, const ModelCatalog& catalog, QWidget* parent = nullptr);
    ~ModelsPage() override;

    QString title() const override;
    QWidget* widget() override { return this; }
    void load() override;
    QStringList problems() const override;
    void save() override;
    void showErrors(const QStringList& errors) override;
    QString errorText() const override;

    // A new row, `alias` for `target` (a model id or built-in alias), returned (for tests too).
    int addAlias(const QString& alias = {}, const QString& target = {});
    UserAliases::Rows rows() const; // the table as it stands

private:
    void retranslate();
    void removeSelected();
    QString problemText(ModelCatalog::AliasProblem problem, const QString& alias) const;

    Settings* m_settings;
    ModelCatalog m_catalog;
    QLabel* m_intro;
    QTableWidget* m_table;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_error;
};

} // namespace flarechat
