#pragma once

#include "SettingsPage.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QPushButton;
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
// (ApiKeysBox) and the access rules. Apply refuses what AccessPolicy::checkBind() refuses (an
// address reachable from other computers without a key), in the page's words.
class LocalApiPage final : public QWidget, public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalApiPage)

public:
    // `current`: the credentials in use, to count the keys the command line or environment give.
    LocalApiPage(Settings* settings, SecretStore* secrets, const Credentials& current, QWidget* parent = nullptr);
    ~LocalApiPage() override;

    QString title() const override;
    QIcon icon() const override;
    QWidget* widget() override { return this; }
    void load() override; // the fields from the settings, and the keys from the keychain
    QStringList problems() const override;
    void save() override; // the server's switch last
    void showErrors(const QStringList& errors) override;
    QString errorText() const override;
    bool isBusy() const override; // reading or writing the keys in the keychain

Q_SIGNALS:
    void keysChanged(); // a key was made or revoked

private:
    void retranslate();
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
    QLabel* m_bindLabel;
    QLabel* m_portLabel;
    QLabel* m_urlLabel;
    QPushButton* m_copyUrl;
    QGroupBox* m_advanced;
    QLabel* m_allowedHostsLabel;
    QLabel* m_corsLabel;
    QLabel* m_maxBodyLabel;
    QLabel* m_logMaxLabel;
};

} // namespace flarechat
