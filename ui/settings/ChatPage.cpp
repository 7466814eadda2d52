#include "ChatPage.h"

#include "LanguageChange.h"
#include "SettingsForm.h"
#include "chat/ModelPicker.h"
#include "storage/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flarechat {

namespace {
using K = Settings::Key;
}

ChatPage::ChatPage(Settings* settings, const ModelCatalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_defaultModel = new ModelPicker;
    m_defaultModel->setObjectName(QStringLiteral("defaultModel"));
    m_defaultModel->setCatalog(catalog);
    m_modelLabel = SettingsForm::addRow(form, m_defaultModel);
    m_maxTokens = new QSpinBox;
    m_maxTokens->setObjectName(QStringLiteral("defaultMaxTokens"));
    m_maxTokens->setRange(1, 262144);
    m_maxTokensLabel = SettingsForm::addRow(form, m_maxTokens);
    m_sendKey = new QComboBox;
    m_sendKey->setObjectName(QStringLiteral("sendKey"));
    m_sendKey->addItem(QString(), true);
    m_sendKey->addItem(QString(), false);
    m_sendKeyLabel = SettingsForm::addRow(form, m_sendKey);
    m_reasoningInline = new QCheckBox;
    m_reasoningInline->setObjectName(QStringLiteral("reasoningInline"));
    form->addRow(QString(), m_reasoningInline);
    layout->addLayout(form);
    layout->addStretch(1);
    retranslated(this, [this] { retranslate(); });
}

ChatPage::~ChatPage() = default;

QString ChatPage::title() const
{
    return SettingsForm::tr("Chat");
}

void ChatPage::retranslate()
{
    m_modelLabel->setText(SettingsForm::tr("Default &model:"));
    m_defaultModel->setAccessibleName(SettingsForm::tr("Default model"));
    m_maxTokensLabel->setText(SettingsForm::tr("Default ma&x tokens:"));
    m_maxTokens->setToolTip(
        SettingsForm::tr("The most tokens a reply may have when a conversation or API request sets no limit."));
    m_sendKeyLabel->setText(SettingsForm::tr("&Send with:"));
    m_sendKey->setItemText(0, SettingsForm::tr("Enter sends, Shift+Enter starts a new line"));
    m_sendKey->setItemText(1, SettingsForm::tr("Ctrl+Enter sends, Enter starts a new line"));
    m_reasoningInline->setText(SettingsForm::tr("Show reasoning &inline, in <think> tags, in local API replies"));
    m_reasoningInline->setToolTip(SettingsForm::tr("For clients that do not read reasoning_content. The window always "
                                                   "shows the reasoning in its own Thinking block."));
}

void ChatPage::load()
{
    m_defaultModel->setCurrentModel(m_settings->value(K::DefaultModel).toString());
    m_maxTokens->setValue(m_settings->value(K::DefaultMaxTokens).toInt());
    m_sendKey->setCurrentIndex(m_settings->value(K::SendOnEnter).toBool() ? 0 : 1);
    m_reasoningInline->setChecked(m_settings->value(K::ReasoningInline).toBool());
}

void ChatPage::save()
{
    // A picker without a model (a catalog with no text models) keeps the one stored.
    if (!m_defaultModel->currentModel().isEmpty())
        SettingsForm::put(m_settings, K::DefaultModel, m_defaultModel->currentModel());
    SettingsForm::put(m_settings, K::DefaultMaxTokens, m_maxTokens->value());
    SettingsForm::put(m_settings, K::SendOnEnter, m_sendKey->currentData().toBool());
    SettingsForm::put(m_settings, K::ReasoningInline, m_reasoningInline->isChecked());
}

} // namespace flarechat
