#pragma once

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
class NetworkPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkPage)

public:
    explicit NetworkPage(Settings* settings, QWidget* parent = nullptr);
    ~NetworkPage() override;

    void load(); // the fields from the settings
    QStringList problems() const; // why Apply must refuse the fields; empty when they are fine
    void save(); // the fields to the settings, unsynced
    void showErrors(const QStringList& errors);
    QString errorText() const; // what the page's red line says now

    QLineEdit* proxyPasswordField() const { return m_proxyPassword; }
    void addProxyTo(Endpoint* endpoint) const; // the proxy the fields describe

private:
    void updateVisibility();

    Settings* m_settings;
    QComboBox* m_proxyMode;
    QLineEdit* m_proxyHost;
    QSpinBox* m_proxyPort;
    QLineEdit* m_proxyUser;
    QLineEdit* m_proxyPassword;
    QLabel* m_error;
};

} // namespace flarechat
