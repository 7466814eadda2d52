#pragma once

#include "SettingsPage.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace flarechat {

class Settings;
struct Endpoint;

// The settings window's Network page: the proxy every connection to Cloudflare takes (the
// system's, none, HTTP or SOCKS5 with host, port, user and password). The password is a
// keychain secret, which SecretFields reads and writes; the page only holds its field.
class NetworkPage final : public QWidget, public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkPage)

public:
    explicit NetworkPage(Settings* settings, QWidget* parent = nullptr);
    ~NetworkPage() override;

    QString title() const override;
    QWidget* widget() override { return this; }
    void load() override;
    QStringList problems() const override;
    void save() override;
    void showErrors(const QStringList& errors) override;
    QString errorText() const override;

    QLineEdit* proxyPasswordField() const { return m_proxyPassword; }
    void addProxyTo(Endpoint* endpoint) const; // the proxy the fields describe

private:
    void retranslate();
    void updateVisibility();

    Settings* m_settings;
    QComboBox* m_proxyMode;
    QLineEdit* m_proxyHost;
    QSpinBox* m_proxyPort;
    QLineEdit* m_proxyUser;
    QLineEdit* m_proxyPassword;
    QLabel* m_error;
    QLabel* m_note;
    QLabel* m_modeLabel;
    QLabel* m_hostLabel;
    QLabel* m_portLabel;
    QLabel* m_userLabel;
    QLabel* m_passwordLabel;
};

} // namespace flarechat
