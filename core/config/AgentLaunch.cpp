#include "AgentLaunch.h"

#include "anthropic/ClaudeModelMap.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace flarechat::AgentLaunch {

namespace {

// A TOML string, for Codex's -c overrides.
QString toml(const QString& s)
{
    QString out = s;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString shellQuoted(const QString& s)
{
    static const QRegularExpression variable(QStringLiteral("^\\$[A-Z_][A-Z0-9_]*$"));
    if (variable.match(s).hasMatch())
        return QLatin1Char('"') + s + QLatin1Char('"'); // a placeholder the shell fills in
    static const QString safe = QStringLiteral("-_./:=@%+,");
    bool plain = !s.isEmpty();
    for (const QChar c : s)
        plain = plain && (c.isLetterOrNumber() || safe.contains(c));
    if (plain)
        return s;
    QString out = s;
    out.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace

std::optional<Agent> parse(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("claude") || n == QLatin1String("claude-code"))
        return Agent::ClaudeCode;
    if (n == QLatin1String("codex"))
        return Agent::Codex;
    if (n == QLatin1String("opencode"))
        return Agent::OpenCode;
    return std::nullopt;
}

QStringList names()
{
    return {QStringLiteral("claude"), QStringLiteral("codex"), QStringLiteral("opencode")};
}

QString defaultModel()
{
    return ClaudeModelMap().resolve(QStringLiteral("claude-sonnet"));
}

Plan plan(Agent agent, const Target& t, const QString& configDir)
{
    Plan p;
    const QString model = t.model.isEmpty() ? defaultModel() : t.model;
    const QString small = t.smallModel.isEmpty() ? model : t.smallModel;
    switch (agent) {
    case Agent::ClaudeCode:
        p.program = QStringLiteral("claude");
        p.displayName = QStringLiteral("Claude Code");
        p.installCommand = QStringLiteral("npm install -g @anthropic-ai/claude-code");
        p.environment
            = {{QStringLiteral("ANTHROPIC_BASE_URL"), t.root}, {QStringLiteral("ANTHROPIC_AUTH_TOKEN"), t.key}};
        if (!t.model.isEmpty()) { // else the server's claude-… map chooses
            p.environment.append({QStringLiteral("ANTHROPIC_MODEL"), model});
            p.environment.append({QStringLiteral("ANTHROPIC_DEFAULT_OPUS_MODEL"), model});
            p.environment.append({QStringLiteral("ANTHROPIC_DEFAULT_SONNET_MODEL"), model});
            p.environment.append({QStringLiteral("ANTHROPIC_DEFAULT_HAIKU_MODEL"), small});
            p.environment.append({QStringLiteral("ANTHROPIC_SMALL_FAST_MODEL"), small});
        }
        p.environment.append({QStringLiteral("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"), QStringLiteral("1")});
        p.environment.append({QStringLiteral("DISABLE_TELEMETRY"), QStringLiteral("1")});
        p.environment.append({QStringLiteral("DISABLE_ERROR_REPORTING"), QStringLiteral("1")});
        p.environment.append({QStringLiteral("DISABLE_AUTOUPDATER"), QStringLiteral("1")});
        p.unset = {QStringLiteral("ANTHROPIC_API_KEY")}; // it would win over the token
        break;
    case Agent::Codex: {
        p.program = QStringLiteral("codex");
        p.displayName = QStringLiteral("Codex CLI");
        p.installCommand = QStringLiteral("npm install -g @openai/codex");
        p.environment = {{QStringLiteral("FLARECHAT_API_KEY"), t.key}};
        const QString provider = QStringLiteral("model_providers.flarechat.");
        const QStringList overrides {
            QStringLiteral("model_provider=") + toml(QStringLiteral("flarechat")),
            provider + QStringLiteral("name=") + toml(QStringLiteral("FlareChat (Workers AI)")),
            provider + QStringLiteral("base_url=") + toml(t.root + QStringLiteral("/v1")),
            provider + QStringLiteral("env_key=") + toml(QStringLiteral("FLARECHAT_API_KEY")),
            provider + QStringLiteral("wire_api=") + toml(QStringLiteral("responses")),
            QStringLiteral("model=") + toml(model),
            // Workers AI models give raw reasoning, not summaries: show it as such.
            QStringLiteral("show_raw_agent_reasoning=true"),
            // Its other network traffic off: with these Codex 0.171 opened no connection but ours.
            QStringLiteral("check_for_update_on_startup=false"),
            QStringLiteral("analytics.enabled=false"),
            QStringLiteral("feedback.enabled=false"),
            QStringLiteral("otel.exporter=\"none\""),
            QStringLiteral("features.plugins=false"),
            QStringLiteral("features.remote_plugin=false"),
            QStringLiteral("features.apps=false"),
            QStringLiteral("features.tool_suggest=false"),
        };
        for (const QString& o : overrides)
            p.arguments << QStringLiteral("-c") << o;
        break;
    }
    case Agent::OpenCode: {
        p.program = QStringLiteral("opencode");
        p.displayName = QStringLiteral("opencode");
        p.installCommand = QStringLiteral("npm install -g opencode-ai");
        QJsonObject models {{model, QJsonObject {{QStringLiteral("name"), model}}}};
        if (small != model)
            models.insert(small, QJsonObject {{QStringLiteral("name"), small}});
        const QJsonObject config {
            {QStringLiteral("$schema"), QStringLiteral("https://opencode.ai/config.json")},
            {QStringLiteral("provider"),
                QJsonObject {{QStringLiteral("flarechat"),
                    QJsonObject {{QStringLiteral("npm"), QStringLiteral("@ai-sdk/openai-compatible")},
                        {QStringLiteral("name"), QStringLiteral("FlareChat (Workers AI)")},
                        {QStringLiteral("options"),
                            QJsonObject {{QStringLiteral("baseURL"), t.root + QStringLiteral("/v1")},
                                {QStringLiteral("apiKey"), QStringLiteral("{env:FLARECHAT_API_KEY}")}}},
                        {QStringLiteral("models"), models}}}}},
            {QStringLiteral("model"), QStringLiteral("flarechat/") + model},
            {QStringLiteral("small_model"), QStringLiteral("flarechat/") + small},
            {QStringLiteral("autoupdate"), false},
            {QStringLiteral("share"), QStringLiteral("disabled")},
        };
        p.files.append({QStringLiteral("opencode.json"), QJsonDocument(config).toJson(QJsonDocument::Indented)});
        p.environment = {{QStringLiteral("FLARECHAT_API_KEY"), t.key},
            {QStringLiteral("OPENCODE_CONFIG"), QDir(configDir).filePath(QStringLiteral("opencode.json"))},
            // A project's own opencode.json would win over OPENCODE_CONFIG.
            {QStringLiteral("OPENCODE_DISABLE_PROJECT_CONFIG"), QStringLiteral("1")},
            // With these opencode 1.18 opened no connection but ours.
            {QStringLiteral("OPENCODE_DISABLE_AUTOUPDATE"), QStringLiteral("1")},
            {QStringLiteral("OPENCODE_DISABLE_MODELS_FETCH"), QStringLiteral("1")},
            {QStringLiteral("OPENCODE_DISABLE_DEFAULT_PLUGINS"), QStringLiteral("1")},
            {QStringLiteral("OPENCODE_DISABLE_LSP_DOWNLOAD"), QStringLiteral("1")},
            {QStringLiteral("OPENCODE_DISABLE_SHARE"), QStringLiteral("1")}};
        break;
    }
    }
    return p;
}

QString shellText(const Plan& p, const QString& configDir)
{
    QString out;
    for (const Plan::File& f : p.files) {
        const QString path = QDir(configDir).filePath(f.name);
        out += QStringLiteral("mkdir -p %1\n").arg(shellQuoted(configDir));
        out += QStringLiteral("cat > %1 <<'EOF'\n%2EOF\n").arg(shellQuoted(path), QString::fromUtf8(f.content));
    }
    for (const auto& [name, value] : p.environment) {
        if (value != QLatin1Char('$') + name) // "export X=$X" says nothing
            out += QStringLiteral("export %1=%2\n").arg(name, shellQuoted(value));
    }
    for (const QString& name : p.unset)
        out += QStringLiteral("unset %1\n").arg(name);
    QStringList command {p.program};
    for (const QString& a : p.arguments)
        command.append(shellQuoted(a));
    out += command.join(QLatin1Char(' ')) + QLatin1Char('\n');
    return out;
}

} // namespace flarechat::AgentLaunch
