#pragma once

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace flarechat {

class ApiKeysBox;
class Credentials;
class SecretStore;
class Settings;

// The settings window's Local API page: the switch of the window's OpenAI-compatible server,
// its address and port (with the base URL clients use), whether it requires a key, the keys
// (ApiKeysBox) and the access rules. Apply refuses an address reachable from other computers
// unless a key is required and there is one.
class LocalApiPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalApiPage)

public:
    // `current`: the credentials in use, to count the keys the command line or environment give.
    LocalApiPage(Settings* settings, SecretStore* secrets, const Credentials& current, QWidget* parent = nullptr);
    ~LocalApiPage() override;

    void load(); // the fields from the settings
    void readKeys(); // lists the keys the keychain holds
    QStringList problems() const; // why Apply must refuse the fields; empty when they are fine
    void save(); // the fields to the settings, unsynced; the switch last
    void showErrors(const QStringList& errors);
    QString errorText() const; // what the page's red line says now
    bool isBusy() const; // reading or writing the keys in the keychain

Q_SIGNALS:
    void keysChanged(); // a key was made or revoked

private:
    void updateServerUrl();

    Settings* m_settings;
    QCheckBox* m_serverEnabled;
    QComboBox* m_serverBind;
    QSpinBox* m_serverPort;
    QCheckBox* m_requireKey;
    QLabel* m_serverUrl;
    ApiKeysBox* m_keys;
    QLineEdit* m_allowedHosts;
    QLineEdit* m_corsOrigins;
    QSpinBox* m_maxBody;
    QSpinBox* m_logMax;
    QLabel* m_error;
};

} // namespace flarechat
