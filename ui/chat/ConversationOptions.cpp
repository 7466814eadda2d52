#include "ConversationOptions.h"

#include <QComboBox>
#include <QDoubleSpinBox>
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
    m_system->setPlaceholderText(tr("Optional instructions for the model in this conversation"));
    m_system->setTabChangesFocus(true);
    m_system->setFixedHeight(m_system->fontMetrics().lineSpacing() * 3 + 12);

    m_temperature->setObjectName(QStringLiteral("temperature"));
    m_temperature->setRange(kNoTemperature, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(1);
    m_temperature->setSpecialValueText(tr("Model default"));
    m_temperature->setValue(kNoTemperature);

    m_maxTokens->setObjectName(QStringLiteral("maxTokens"));
    m_maxTokens->setRange(0, 131072);
    m_maxTokens->setSingleStep(256);
    m_maxTokens->setSpecialValueText(tr("Default"));
    m_maxTokens->setValue(0);

    m_effort->setObjectName(QStringLiteral("reasoningEffort"));
    m_effort->addItem(tr("Model default"), QString());
    m_effort->addItem(tr("Low"), QStringLiteral("low"));
    m_effort->addItem(tr("Medium"), QStringLiteral("medium"));
    m_effort->addItem(tr("High"), QStringLiteral("high"));
    m_effort->setToolTip(tr("How long a reasoning model (gpt-oss, for example) thinks before answering. "
                            "Other models ignore it."));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(12, 6, 12, 6);
    form->addRow(tr("System prompt:"), m_system);
    auto* row = new QHBoxLayout;
    row->addWidget(m_temperature);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Max tokens:"), this));
    row->addWidget(m_maxTokens);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Reasoning effort:"), this));
    row->addWidget(m_effort);
    row->addStretch(1);
    form->addRow(tr("Temperature:"), row);

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
