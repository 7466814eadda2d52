#pragma once

#include <QObject>
#include <QSettings>
#include <QString>
#include <QVariant>

namespace flarechat {

// FlareChat's settings: one key table (name in the file, default) in the KeePassXC Config
// manner, over an INI file. Values come back converted to their default's type, so callers
// never see "8787" where they expect 8787. No secrets here: tokens and keys live in SecretStore.
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)

public:
    enum class Key {
        // Cloudflare
        CloudflareAccountId,
        ApiBase, // used when EndpointKind is "custom"
        EndpointKind, // "direct" | "gateway" | "custom"
        GatewayId,
        GatewayCacheTtl, // seconds, 0 = the gateway's default
        GatewaySkipCache, // bool
        // Network
        ProxyMode, // "system" | "none" | "http" | "socks5"
        ProxyHost,
        ProxyPort,
        ProxyUser, // the password is a secret
        // Local API server
        ServerEnabled,
        ServerBind,
        ServerPort,
        ServerRequireKey,
        ServerAllowedHosts, // QStringList
        ServerCorsOrigins, // QStringList
        ServerMaxBodyMiB,
        ServerLogMaxMiB,
        ServerKeyRecords, // QStringList of JSON objects: name, prefix, creation time of each local API key
        ServerClaudeModels, // QStringList of "pattern=model": which model answers a claude-… name (ClaudeModelMap)
        // Chat
        DefaultModel,
        DefaultMaxTokens,
        ReasoningInline,
        SendOnEnter,
        HeldQuestion, // "conversation:message": a question waiting for the free allocation when FlareChat quit
        ModelAliases, // QStringList of "alias=target": the user's own model names (UserAliases)
        // Look
        Theme, // "system" | "light" | "dark"
        Language, // "system" | "en" | "zh_CN"; applies at once
        TrayNoticeShown, // bool: the window said once that closing it leaves FlareChat in the tray
        TextSize, // points of the conversation, the message box and the list; 0 = the system's font
        WindowGeometry, // QByteArray: QWidget::saveGeometry() of the main window, as it was last closed
        WindowState, // QByteArray: QMainWindow::saveState(): the toolbar and the Local API panel
        SidebarWidth, // pixels; 0 = the first start's
        SidebarShown, // bool
        // Keychain
        SecretsInSettingsFile, // bool: the user agreed to SecretStore's plain-text fallback in this file
    };
    Q_ENUM(Key)

    // An INI file at `path` (tests pass a temporary one).
    explicit Settings(const QString& path, QObject* parent = nullptr);
    ~Settings() override;

    // <AppConfigLocation>/flarechat.ini, for the application.
    static QString defaultPath();

    static QString name(Key key); // e.g. "server/port"
    static QVariant defaultValue(Key key);
    static QList<Key> allKeys();

    QString path() const { return m_settings.fileName(); }
    QVariant value(Key key) const; // stored value converted to the default's type, or the default
    bool isSet(Key key) const; // stored in the file (possibly equal to the default)
    void setValue(Key key, const QVariant& value);
    void reset(Key key); // back to the default
    void resetAll();
    void sync();
    QSettings::Status status() const { return m_settings.status(); }

Q_SIGNALS:
    // The effective value of `key` changed (set or reset to something different).
    void changed(flarechat::Settings::Key key);

private:
    QSettings m_settings;
};

} // namespace flarechat
