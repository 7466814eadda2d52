#include "ApiSnippets.h"

#include "config/AgentLaunch.h"

#include <QCoreApplication>

namespace flarechat::ApiSnippets {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("flarechat::ApiSnippets", text);
}

// A string literal of Python, JavaScript or a POSIX shell's double quotes: every snippet
// quotes with "…", and nothing FlareChat puts there holds a quote or a backslash.
QString quoted(const QString& value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

} // namespace

QString title(Kind kind)
{
    switch (kind) {
    case Kind::Curl:
        return QStringLiteral("curl");
    case Kind::Python:
        return QStringLiteral("Python");
    case Kind::JavaScript:
        return QStringLiteral("JavaScript");
    case Kind::Environment:
        return tr("Environment");
    case Kind::ClaudeCode:
        return QStringLiteral("Claude Code");
    case Kind::Codex:
        return QStringLiteral("Codex");
    case Kind::OpenCode:
        return QStringLiteral("opencode");
    }
    return {};
}

QString text(Kind kind, const Input& in)
{
    // Without a key of its own, a snippet reads it from FLARECHAT_API_KEY; a server that needs
    // no key still wants one from the SDKs, any text.
    const QString shellKey = !in.key.isEmpty() ? in.key
        : in.keyRequired                       ? QStringLiteral("$FLARECHAT_API_KEY")
                                               : QStringLiteral("no-key-needed");
    switch (kind) {
    case Kind::Curl:
        return QStringLiteral("curl %1/chat/completions \\\n"
                              "  -H \"Authorization: Bearer %2\" \\\n"
                              "  -H \"Content-Type: application/json\" \\\n"
                              "  -d '{\"model\": \"%3\", \"stream\": true,\n"
                              "       \"messages\": [{\"role\": \"user\", \"content\": \"Hello!\"}]}'\n")
            .arg(in.baseUrl, shellKey, in.model);
    case Kind::Python: {
        const QString key = !in.key.isEmpty() ? quoted(in.key)
            : in.keyRequired                  ? QStringLiteral("os.environ[\"FLARECHAT_API_KEY\"]")
                                              : quoted(QStringLiteral("no-key-needed"));
        return QStringLiteral("# pip install openai\n"
                              "import os\n"
                              "from openai import OpenAI\n\n"
                              "client = OpenAI(base_url=%1, api_key=%2)\n"
                              "stream = client.chat.completions.create(\n"
                              "    model=%3,\n"
                              "    messages=[{\"role\": \"user\", \"content\": \"Hello!\"}],\n"
                              "    stream=True,\n"
                              ")\n"
                              "for chunk in stream:\n"
                              "    print(chunk.choices[0].delta.content or \"\", end=\"\", flush=True)\n")
            .arg(quoted(in.baseUrl), key, quoted(in.model));
    }
    case Kind::JavaScript: {
        const QString key = !in.key.isEmpty() ? quoted(in.key)
            : in.keyRequired                  ? QStringLiteral("process.env.FLARECHAT_API_KEY")
                                              : quoted(QStringLiteral("no-key-needed"));
        return QStringLiteral(
            "// npm install openai\n"
            "import OpenAI from \"openai\";\n\n"
            "const client = new OpenAI({ baseURL: %1, apiKey: %2 });\n"
            "const stream = await client.chat.completions.create({\n"
            "  model: %3,\n"
            "  messages: [{ role: \"user\", content: \"Hello!\" }],\n"
            "  stream: true,\n"
            "});\n"
            "for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? \"\");\n")
            .arg(quoted(in.baseUrl), key, quoted(in.model));
    }
    case Kind::Environment: {
        QString out = tr("# For tools that read OpenAI's variables (aider, LangChain, the SDKs):") + QLatin1Char('\n');
        out += QStringLiteral("export OPENAI_BASE_URL=%1\n").arg(quoted(in.baseUrl));
        if (!in.key.isEmpty())
            out += QStringLiteral("export OPENAI_API_KEY=%1\n").arg(quoted(in.key));
        else if (in.keyRequired)
            out += QStringLiteral("export OPENAI_API_KEY=\"$FLARECHAT_API_KEY\"   # ") + tr("a key made above")
                + QLatin1Char('\n');
        else
            out += QStringLiteral("export OPENAI_API_KEY=\"no-key-needed\"\n");
        out += QStringLiteral("export OPENAI_MODEL=%1\n").arg(quoted(in.model));
        return out;
    }
    case Kind::ClaudeCode:
    case Kind::Codex:
    case Kind::OpenCode: {
        QString root = in.baseUrl;
        if (root.endsWith(QLatin1String("/v1")))
            root.chop(3);
        const AgentLaunch::Agent agent = kind == Kind::ClaudeCode ? AgentLaunch::Agent::ClaudeCode
            : kind == Kind::Codex                                 ? AgentLaunch::Agent::Codex
                                                                  : AgentLaunch::Agent::OpenCode;
        const QString key = !in.key.isEmpty() ? in.key
            : in.keyRequired                  ? QStringLiteral("$FLARECHAT_API_KEY")
                                              : QStringLiteral("no-key-needed");
        const QString dir
            = QStringLiteral("~/.config/flarechat/%1")
                  .arg(agent == AgentLaunch::Agent::OpenCode ? QStringLiteral("opencode") : QStringLiteral("agent"));
        const AgentLaunch::Plan plan = AgentLaunch::plan(agent, {root, key, {}, {}}, dir);
        QString out = tr("# %1 on Workers AI models (%2),").arg(plan.displayName, plan.installCommand)
            + QLatin1Char('\n') + tr("# or in one command: flarechat launch %1").arg(plan.program) + QLatin1Char('\n');
        if (agent == AgentLaunch::Agent::ClaudeCode)
            out += tr("# claude-… names are mapped to Workers AI models (server/claude_models)") + QLatin1Char('\n');
        return out + AgentLaunch::shellText(plan, dir);
    }
    }
    return {};
}

} // namespace flarechat::ApiSnippets
