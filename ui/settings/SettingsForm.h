#pragma once

#include "storage/Settings.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVariant>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace flarechat {

// What the settings window's pages share: their words' translation context, the red line that
// shows a page's errors, the password field of a keychain secret, a field with a button at its
// side, and how a choice is stored.
class SettingsForm final
{
    // The pages were one class: their words keep its context, so the Chinese in
    // resources/translations stays theirs. Pages call SettingsForm::tr(), not their own tr().
    Q_DECLARE_TR_FUNCTIONS(flarechat::SettingsDialog)

public:
    SettingsForm() = delete;

    // A page's errors, in red under the page; hidden while there are none.
    static QLabel* errorLabel(const QString& objectName);
    static void showErrors(QLabel* label, const QStringList& errors);
    // A password field for a secret the keychain holds; the keychain fills it (SecretFields).
    static QLineEdit* secretField(const QString& objectName);
    static QWidget* withButton(QWidget* field, QWidget* button);
    // A form row of `field` under a label that is its buddy (the mnemonic reaches the field and a
    // screen reader names the field by it), returned so that its words can follow the language.
    static QLabel* addRow(QFormLayout* form, QWidget* field);
    // The same with `button` beside the field.
    static QLabel* addRowWithButton(QFormLayout* form, QWidget* field, QWidget* button);
    // Selects the item with `data`, else the first.
    static void setComboData(QComboBox* box, const QString& data);
    // Stores `value`, or removes the key when it is the default, so the file keeps only choices.
    static void put(Settings* settings, Settings::Key key, const QVariant& value);
};

} // namespace flarechat
