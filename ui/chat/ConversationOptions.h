#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace flarechat {

// A conversation's own settings: system prompt, temperature, max tokens and reasoning effort. Empty values mean
// "the model's default", so a conversation only carries what the user chose. Parameters use the
// OpenAI names ({"temperature": 0.7, "max_tokens": 1024}), as the conversation store keeps them.
class ConversationOptions final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationOptions)

public:
    explicit ConversationOptions(QWidget* parent = nullptr);
    ~ConversationOptions() override;

    QString systemPrompt() const;
    QJsonObject parameters() const;
    void setValues(const QString& systemPrompt, const QJsonObject& parameters); // emits nothing
    QPlainTextEdit* systemPromptEdit() const { return m_system; }
    QDoubleSpinBox* temperatureBox() const { return m_temperature; }
    QSpinBox* maxTokensBox() const { return m_maxTokens; }
    QComboBox* reasoningEffortBox() const { return m_effort; }

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    QPlainTextEdit* m_system;
    QDoubleSpinBox* m_temperature;
    QSpinBox* m_maxTokens;
    QComboBox* m_effort;
    QLabel* m_systemLabel;
    QLabel* m_maxTokensLabel;
    QLabel* m_effortLabel;
    QLabel* m_temperatureLabel;
    bool m_loading = false;
};

} // namespace flarechat
