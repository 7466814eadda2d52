#include "SettingsForm.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace flarechat {

QLabel* SettingsForm::errorLabel(const QString& objectName)
{
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("color: #d93025;"));
    label->hide();
    return label;
}

void SettingsForm::showErrors(QLabel* label, const QStringList& errors)
{
    label->setText(errors.join(QLatin1Char('\n')));
    label->setVisible(!errors.isEmpty());
}

QLineEdit* SettingsForm::secretField(const QString& objectName)
{
    auto* field = new QLineEdit;
    field->setObjectName(objectName);
    field->setEchoMode(QLineEdit::Password);
    field->setPlaceholderText(tr("Reading the keychain…"));
    field->setClearButtonEnabled(true);
    return field;
}

QWidget* SettingsForm::withButton(QWidget* field, QWidget* button)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    layout->addWidget(button);
    return row;
}

QLabel* SettingsForm::addRow(QFormLayout* form, QWidget* field)
{
    auto* text = new QLabel;
    text->setBuddy(field);
    form->addRow(text, field);
    return text;
}

QLabel* SettingsForm::addRowWithButton(QFormLayout* form, QWidget* field, QWidget* button)
{
    auto* text = new QLabel;
    text->setBuddy(field);
    auto* row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(button);
    form->addRow(text, row);
    return text;
}

void SettingsForm::setComboData(QComboBox* box, const QString& data)
{
    const int row = box->findData(data);
    box->setCurrentIndex(row >= 0 ? row : 0);
}

void SettingsForm::put(Settings* settings, Settings::Key key, const QVariant& value)
{
    if (value == Settings::defaultValue(key))
        settings->reset(key);
    else
        settings->setValue(key, value);
}

} // namespace flarechat
