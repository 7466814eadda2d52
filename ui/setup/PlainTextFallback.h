#pragma once

#include <QCoreApplication>
#include <QString>

class QMessageBox;
class QWidget;

namespace flarechat {

class SecretStore;
class Settings;

// SecretStore's plain-text fallback as the user chose it. Where no keychain answers, the user is
// asked (question()) before a secret goes into the settings file; a yes turns the fallback on
// (enable()) and is kept in the settings (Settings::Key::SecretsInSettingsFile), so every later
// start reads what was stored there (restore()). Nothing turns it on without that yes.
class PlainTextFallback final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::PlainTextFallback)

public:
    PlainTextFallback() = delete;

    // The user agreed: secrets the keychain cannot take go to `settings`' file from now on.
    static void enable(SecretStore* secrets, Settings* settings);
    // At start-up: the fallback on again if the user agreed in an earlier session.
    static void restore(SecretStore* secrets, Settings* settings);

    // "Keep the token in the settings file at <path>, unencrypted?" with the buttons Keep It (the
    // YesRole) and Don't Save It (the NoRole, also Esc). Window-modal, deleted when closed; the
    // caller connects to finished() and opens it. `why`: the keychain's own message, in the details.
    static QMessageBox* question(QWidget* parent, const QString& settingsPath, const QString& why);
    static bool agreed(QMessageBox* box); // after finished(): the YesRole button was clicked
};

} // namespace flarechat
