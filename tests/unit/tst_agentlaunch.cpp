// config/AgentLaunch, pure: what each coding agent is given to run on FlareChat's local API
// (flarechat launch applies it; the window's API panel shows it).
#include "config/AgentLaunch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace flarechat;

namespace {

QString envValue(const AgentLaunch::Plan& p, const QString& name)
{
    for (const auto& [n, v] : p.environment) {
        if (n == name)
            return v;
    }
    return QStringLiteral("<unset>");
}

AgentLaunch::Target target(const QString& model = {})
{
    return {QStringLiteral("http://127.0.0.1:4711"), QStringLiteral("sk-flarechat-example"), model, {}};
}

} // namespace

class TestAgentLaunch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names();
    void claudeCode();
    void codex();
    void openCode();
    void shellText();
};

void TestAgentLaunch::names()
{
    QCOMPARE(AgentLaunch::parse(QStringLiteral("claude")), std::optional(AgentLaunch::Agent::ClaudeCode));
    QCOMPARE(AgentLaunch::parse(QStringLiteral("Codex")), std::optional(AgentLaunch::Agent::Codex));
    QCOMPARE(AgentLaunch::parse(QStringLiteral("opencode")), std::optional(AgentLaunch::Agent::OpenCode));
    QVERIFY(!AgentLaunch::parse(QStringLiteral("cursor")));
    QCOMPARE(AgentLaunch::defaultModel(), QStringLiteral("glm-4.7-flash")); // the Claude map's large model
}

void TestAgentLaunch::claudeCode()
{
    AgentLaunch::Plan p = AgentLaunch::plan(AgentLaunch::Agent::ClaudeCode, target(), {});
    QCOMPARE(p.program, QStringLiteral("claude"));
    QCOMPARE(envValue(p, QStringLiteral("ANTHROPIC_BASE_URL")), QStringLiteral("http://127.0.0.1:4711")); // no /v1
    QCOMPARE(envValue(p, QStringLiteral("ANTHROPIC_AUTH_TOKEN")), QStringLiteral("sk-flarechat-example"));
    QCOMPARE(envValue(p, QStringLiteral("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC")), QStringLiteral("1"));
    QCOMPARE(
        envValue(p, QStringLiteral("ANTHROPIC_MODEL")), QStringLiteral("<unset>")); // the server maps claude-… names
    QVERIFY(p.unset.contains(QStringLiteral("ANTHROPIC_API_KEY")));
    QVERIFY(p.installCommand.contains(QStringLiteral("@anthropic-ai/claude-code")));
    p = AgentLaunch::plan(AgentLaunch::Agent::ClaudeCode, target(QStringLiteral("gpt-oss-120b")), {});
    QCOMPARE(envValue(p, QStringLiteral("ANTHROPIC_MODEL")), QStringLiteral("gpt-oss-120b"));
    QCOMPARE(envValue(p, QStringLiteral("ANTHROPIC_DEFAULT_HAIKU_MODEL")), QStringLiteral("gpt-oss-120b"));
}

void TestAgentLaunch::codex()
{
    const AgentLaunch::Plan p = AgentLaunch::plan(AgentLaunch::Agent::Codex, target(), {});
    QCOMPARE(p.program, QStringLiteral("codex"));
    QCOMPARE(envValue(p, QStringLiteral("FLARECHAT_API_KEY")), QStringLiteral("sk-flarechat-example"));
    QStringList overrides;
    for (qsizetype i = 0; i + 1 < p.arguments.size(); i += 2) {
        QCOMPARE(p.arguments[i], QStringLiteral("-c"));
        overrides.append(p.arguments[i + 1]);
    }
    QVERIFY(overrides.contains(QStringLiteral("model_provider=\"flarechat\"")));
    QVERIFY(overrides.contains(QStringLiteral("model_providers.flarechat.base_url=\"http://127.0.0.1:4711/v1\"")));
    QVERIFY(overrides.contains(QStringLiteral("model_providers.flarechat.wire_api=\"responses\"")));
    QVERIFY(overrides.contains(QStringLiteral("model_providers.flarechat.env_key=\"FLARECHAT_API_KEY\"")));
    QVERIFY(overrides.contains(QStringLiteral("model=\"glm-4.7-flash\"")));
    QVERIFY(p.files.isEmpty()); // the user's ~/.codex stays untouched
}

void TestAgentLaunch::openCode()
{
    const AgentLaunch::Plan p = AgentLaunch::plan(
        AgentLaunch::Agent::OpenCode, target(QStringLiteral("qwen3-coder")), QStringLiteral("/tmp/x"));
    QCOMPARE(envValue(p, QStringLiteral("OPENCODE_CONFIG")), QStringLiteral("/tmp/x/opencode.json"));
    QCOMPARE(p.files.size(), 1);
    const QJsonObject config = QJsonDocument::fromJson(p.files[0].content).object();
    QCOMPARE(config.value(QStringLiteral("model")).toString(), QStringLiteral("flarechat/qwen3-coder"));
    const QJsonObject provider
        = config.value(QStringLiteral("provider")).toObject().value(QStringLiteral("flarechat")).toObject();
    QCOMPARE(provider.value(QStringLiteral("options")).toObject().value(QStringLiteral("baseURL")).toString(),
        QStringLiteral("http://127.0.0.1:4711/v1"));
    QVERIFY(!p.files[0].content.contains("sk-flarechat-example")); // the key stays in the environment
    QCOMPARE(config.value(QStringLiteral("autoupdate")).toBool(true), false);
}

void TestAgentLaunch::shellText()
{
    AgentLaunch::Target t = target();
    t.key = QStringLiteral("$FLARECHAT_API_KEY");
    const QString claude = AgentLaunch::shellText(AgentLaunch::plan(AgentLaunch::Agent::ClaudeCode, t, {}), {});
    QVERIFY(claude.contains(QStringLiteral("export ANTHROPIC_AUTH_TOKEN=\"$FLARECHAT_API_KEY\"\n")));
    QVERIFY(claude.contains(QStringLiteral("unset ANTHROPIC_API_KEY\n")));
    QVERIFY(claude.endsWith(QStringLiteral("claude\n")));
    const QString codex = AgentLaunch::shellText(AgentLaunch::plan(AgentLaunch::Agent::Codex, t, {}), {});
    QVERIFY(!codex.contains(QStringLiteral("export FLARECHAT_API_KEY="))); // not set to itself
    QVERIFY(codex.contains(QStringLiteral("-c 'model_provider=\"flarechat\"'")));
    const QString opencode = AgentLaunch::shellText(
        AgentLaunch::plan(AgentLaunch::Agent::OpenCode, t, QStringLiteral("/tmp/o")), QStringLiteral("/tmp/o"));
    QVERIFY(opencode.startsWith(QStringLiteral("mkdir -p /tmp/o\ncat > /tmp/o/opencode.json <<'EOF'\n{")));
}

QTEST_GUILESS_MAIN(TestAgentLaunch)
#include "tst_agentlaunch.moc"
