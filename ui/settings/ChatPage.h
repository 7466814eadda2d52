#pragma once

#include "SettingsPage.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace flarechat {

class ModelCatalog;
class ModelPicker;
class Settings;

// The settings window's Chat page: what a conversation and an API request get when they choose
// nothing themselves (the model, the most tokens a reply may have), which key sends a message,
// and whether local API replies carry the reasoning inline.
class ChatPage final : public QWidget, public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatPage)

public:
    ChatPage(Settings* settings, const ModelCatalog& catalog, QWidget* parent = nullptr);
    ~ChatPage() override;

    QString title() const override;
    QWidget* widget() override { return this; }
    void load() override;
    void save() override;

private:
    void retranslate();

    Settings* m_settings;
    ModelPicker* m_defaultModel;
    QSpinBox* m_maxTokens;
    QComboBox* m_sendKey;
    QCheckBox* m_reasoningInline;
    QLabel* m_modelLabel;
    QLabel* m_maxTokensLabel;
    QLabel* m_sendKeyLabel;
};

} // namespace flarechat
