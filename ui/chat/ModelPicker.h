#pragma once

#include "workersai/ModelCatalog.h"

#include <QComboBox>

namespace flarechat {

// Chooses the model of a conversation: the six seed aliases first, then every other text model
// of the catalog, each with what it can do (vision, tools, reasoning), its context size and
// whether Cloudflare deprecated it. The name a request sends is the alias when there is one.
class ModelPicker final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelPicker)

public:
    enum Role {
        NameRole = Qt::UserRole + 1, // what ChatRequest::model gets: alias or id
        IdRole, // the Workers AI id
    };

    explicit ModelPicker(QWidget* parent = nullptr);
    ~ModelPicker() override;

    void setCatalog(const ModelCatalog& catalog);
    QString currentModel() const; // alias or id
    // Selects `name` (an alias, id or user alias); a name the catalog lacks is added as is.
    void setCurrentModel(const QString& name);
    static QString describe(const ModelInfo& model); // "reasoning · tools · 128K context · free · ~3.2 neurons a reply"
    // A reply as the picker prices it: 500 tokens out for 1,000 tokens of conversation in.
    static constexpr int TypicalPromptTokens = 1000;
    static constexpr int TypicalReplyTokens = 500;
    static double typicalReplyNeurons(const ModelInfo& model);

Q_SIGNALS:
    void modelChosen(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    ModelCatalog m_catalog;
};

} // namespace flarechat
