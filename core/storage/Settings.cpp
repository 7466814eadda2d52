#include "Settings.h"

#include "anthropic/ClaudeModelMap.h"

#include <QDir>
#include <QStandardPaths>

namespace flarechat {

namespace {

struct Entry
{
    Settings::Key key;
    const char* name;
    QVariant defaultValue;
};

// Keys are listed once; names never change once released (they are users' stored settings).
const QList<Entry>& table()
{
    using K = Settings::Key;
    static const QList<Entry> entries {
        {K::CloudflareAccountId, "cloudflare/account_id", QString()},
        {K::ApiBase, "cloudflare/api_base", QStringLiteral("https://api.cloudflare.com/client/v4")},
        {K::EndpointKind, "cloudflare/endpoint", QStringLiteral("direct")},
        {K::GatewayId, "cloudflare/gateway_id", QString()},
        {K::GatewayCacheTtl, "cloudflare/gateway_cache_ttl", 0},
        {K::GatewaySkipCache, "cloudflare/gateway_skip_cache", false},
        {K::ProxyMode, "network/proxy_mode", QStringLiteral("system")},
        {K::ProxyHost, "network/proxy_host", QString()},
        {K::ProxyPort, "network/proxy_port", 0},
        {K::ProxyUser, "network/proxy_user", QString()},
        {K::ServerEnabled, "server/enabled", false},
        {K::ServerBind, "server/bind", QStringLiteral("127.0.0.1")},
        {K::ServerPort, "server/port", 8787},
        {K::ServerRequireKey, "server/require_key", true},
        {K::ServerAllowedHosts, "server/allowed_hosts", QStringList()},
        {K::ServerCorsOrigins, "server/cors_origins", QStringList {QStringLiteral("*")}},
        {K::ServerMaxBodyMiB, "server/max_body_mib", 32},
        {K::ServerLogMaxMiB, "server/log_max_mib", 5},
        {K::ServerKeyRecords, "server/key_records", QStringList()},
        {K::ServerClaudeModels, "server/claude_models", ClaudeModelMap::defaultSetting()},
        // A strong general model that streams, takes tools and fits the free allocation.
        {K::DefaultModel, "chat/default_model", QStringLiteral("llama-3.3-70b")},
        {K::DefaultMaxTokens, "chat/max_tokens", 2048},
        {K::ReasoningInline, "chat/reasoning_inline", false},
        {K::SendOnEnter, "chat/send_on_enter", true},
        {K::HeldQuestion, "chat/held_question", QString()},
        {K::ModelAliases, "models/aliases", QStringList()},
        {K::Theme, "ui/theme", QStringLiteral("system")},
        {K::Language, "ui/language", QStringLiteral("system")},
        {K::TrayNoticeShown, "ui/tray_notice_shown", false},
        {K::TextSize, "ui/text_size", 0},
        {K::WindowGeometry, "window/geometry", QByteArray()},
        {K::WindowState, "window/state", QByteArray()},
        {K::SidebarWidth, "window/sidebar_width", 0},
        {K::SidebarShown, "window/sidebar_shown", true},
        // Asked once, where no keychain answers (ui/setup/PlainTextFallback); never set silently.
        {K::SecretsInSettingsFile, "keychain/settings_file_fallback", false},
    };
    return entries;
}

const Entry& entry(Settings::Key key)
{
    const QList<Entry>& t = table();
    const auto index = static_cast<qsizetype>(key);
    Q_ASSERT(index >= 0 && index < t.size() && t.at(index).key == key);
    return t.at(index);
}

} // namespace

Settings::Settings(const QString& path, QObject* parent)
    : QObject(parent)
    , m_settings(path, QSettings::IniFormat)
{
}

Settings::~Settings()
{
    m_settings.sync();
}

QString Settings::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("flarechat.ini"));
}

QString Settings::name(Key key)
{
    return QString::fromLatin1(entry(key).name);
}

QVariant Settings::defaultValue(Key key)
{
    return entry(key).defaultValue;
}

QList<Settings::Key> Settings::allKeys()
{
    QList<Key> keys;
    for (const Entry& e : table())
        keys.append(e.key);
    return keys;
}

bool Settings::isSet(Key key) const
{
    return m_settings.contains(name(key));
}

QVariant Settings::value(Key key) const
{
    const Entry& e = entry(key);
    const QString n = QString::fromLatin1(e.name);
    if (!m_settings.contains(n))
        return e.defaultValue;
    QVariant v = m_settings.value(n);
    const QMetaType type = e.defaultValue.metaType();
    if (type.id() == QMetaType::QStringList) {
        // INI stores an empty list as an invalid value and a one-element list as a plain string.
        return v.isValid() ? QVariant(v.toStringList()) : QVariant(QStringList());
    }
    if (type.id() == QMetaType::Bool && v.metaType().id() == QMetaType::QString) {
        const QString s = v.toString().trimmed().toLower();
        if (s == QLatin1String("true") || s == QLatin1String("1"))
            return true;
        if (s == QLatin1String("false") || s == QLatin1String("0"))
            return false;
        return e.defaultValue; // a hand-edited "yes please" is not a bool
    }
    if (!v.convert(type))
        return e.defaultValue; // e.g. "abc" for a port: fall back rather than return 0
    return v;
}

void Settings::setValue(Key key, const QVariant& value)
{
    const QVariant before = this->value(key);
    m_settings.setValue(name(key), value);
    if (this->value(key) != before)
        Q_EMIT changed(key);
}

void Settings::reset(Key key)
{
    if (!isSet(key))
        return;
    const QVariant before = value(key);
    m_settings.remove(name(key));
    if (value(key) != before)
        Q_EMIT changed(key);
}

void Settings::resetAll()
{
    for (const Entry& e : table())
        reset(e.key);
}

void Settings::sync()
{
    m_settings.sync();
}

} // namespace flarechat
