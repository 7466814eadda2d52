#include "ConversationOptions.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace flarechat {

namespace {
constexpr double kNoTemperature = -0.1; // the spin box's "Default" value, below the real range
}

ConversationOptions::ConversationOptions(QWidget* parent)
    : QWidget(parent)
    , m_system(new QPlainTextEdit(this))
    , m_temperature(new QDoubleSpinBox(this))
    , m_maxTokens(new QSpinBox(this))
    , m_effort(new QComboBox(this))
{
    setObjectName(QStringLiteral("conversationOptions"));
    m_system->setObjectName(QStringLiteral("systemPrompt"));
    m_system->setTabChangesFocus(true);
    m_system->setFixedHeight(m_system->fontMetrics().lineSpacing() * 3 + 12);

    m_temperature->setObjectName(QStringLiteral("temperature"));
    m_temperature->setRange(kNoTemperature, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(1);
    m_temperature->setValue(kNoTemperature);

    m_maxTokens->setObjectName(QStringLiteral("maxTokens"));
    m_maxTokens->setRange(0, 131072);
    m_maxTokens->setSingleStep(256);
    m_maxTokens->setValue(0);

    m_effort->setObjectName(QStringLiteral("reasoningEffort"));
    for (const char* effort : {"", "low", "medium", "high"})
        m_effort->addItem(QString(), QString::fromLatin1(effort)); // words in retranslate()

    auto* form = new QFormLayout(this);
    form->setContentsMargins(12, 6, 12, 6);
    m_systemLabel = new QLabel(this);
    m_maxTokensLabel = new QLabel(this);
    m_effortLabel = new QLabel(this);
    m_temperatureLabel = new QLabel(this);
    // Each label is its field's buddy: a screen reader names the field by it.
    m_systemLabel->setBuddy(m_system);
    m_maxTokensLabel->setBuddy(m_maxTokens);
    m_effortLabel->setBuddy(m_effort);
    m_temperatureLabel->setBuddy(m_temperature);
    form->addRow(m_systemLabel, m_system);
    auto* row = new QHBoxLayout;
    row->addWidget(m_temperature);
    row->addSpacing(16);
    row->addWidget(m_maxTokensLabel);
    row->addWidget(m_maxTokens);
    row->addSpacing(16);
    row->addWidget(m_effortLabel);
    row->addWidget(m_effort);
    row->addStretch(1);
    form->addRow(m_temperatureLabel, row);
    retranslate();

    auto emitChanged = [this] {
        if (!m_loading)
            Q_EMIT changed();
    };
    connect(m_system, &QPlainTextEdit::textChanged, this, emitChanged);
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this, emitChanged);
    connect(m_maxTokens, &QSpinBox::valueChanged, this, emitChanged);
    connect(m_effort, &QComboBox::currentIndexChanged, this, emitChanged);
}

ConversationOptions::~ConversationOptions() = default;

void ConversationOptions::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ConversationOptions::retranslate()
{
    m_system->setPlaceholderText(tr("Optional instructions for the model in this conversation"));
    m_temperature->setSpecialValueText(tr("Model default"));
    m_maxTokens->setSpecialValueText(tr("Default"));
    m_effort->setItemText(0, tr("Model default"));
    m_effort->setItemText(1, tr("Low"));
    m_effort->setItemText(2, tr("Medium"));
    m_effort->setItemText(3, tr("High"));
    m_effort->setToolTip(tr("How long a reasoning model (gpt-oss, for example) thinks before answering. "
                            "Other models ignore it."));
    m_systemLabel->setText(tr("System prompt:"));
    m_maxTokensLabel->setText(tr("Max tokens:"));
    m_effortLabel->setText(tr("Reasoning effort:"));
    m_temperatureLabel->setText(tr("Temperature:"));
}

QString ConversationOptions::systemPrompt() const
{
    return m_system->toPlainText();
}

QJsonObject ConversationOptions::parameters() const
{
    QJsonObject p;
    if (m_temperature->value() > kNoTemperature / 2)
        p.insert(QStringLiteral("temperature"), m_temperature->value());
    if (m_maxTokens->value() > 0)
        p.insert(QStringLiteral("max_tokens"), m_maxTokens->value());
    if (const QString effort = m_effort->currentData().toString(); !effort.isEmpty())
        p.insert(QStringLiteral("reasoning_effort"), effort);
    return p;
}

void ConversationOptions::setValues(const QString& systemPrompt, const QJsonObject& parameters)
{
    m_loading = true;
    if (m_system->toPlainText() != systemPrompt)
        m_system->setPlainText(systemPrompt);
    m_temperature->setValue(parameters.value(QStringLiteral("temperature")).toDouble(kNoTemperature));
    m_maxTokens->setValue(parameters.value(QStringLiteral("max_tokens")).toInt(0));
    m_effort->setCurrentIndex(
        qMax(0, m_effort->findData(parameters.value(QStringLiteral("reasoning_effort")).toString())));
    m_loading = false;
}

} // namespace flarechat
