#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace flarechat {

// What a coding agent needs to run on FlareChat's local API, in one place: `flarechat launch`
// applies it, the window's API panel shows it as snippets. Pure code.
//
// * Claude Code (Anthropic Messages, /v1/messages): ANTHROPIC_BASE_URL (the server's root, no
//   /v1), ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY removed so it cannot win; with a model chosen,
//   ANTHROPIC_MODEL and the opus/sonnet/haiku defaults, else the server maps claude-… names.
// * Codex CLI (OpenAI Responses, /v1/responses): a model provider given as `-c` overrides
//   (wire_api "responses", env_key FLARECHAT_API_KEY), so the user's own ~/.codex settings stay
//   in force and untouched.
// * opencode (Chat Completions through @ai-sdk/openai-compatible): a provider in its own config
//   file, pointed at by OPENCODE_CONFIG.
// Each agent's non-essential network traffic (telemetry, update checks, error reports) is off.
namespace AgentLaunch {

enum class Agent { ClaudeCode, Codex, OpenCode };

std::optional<Agent> parse(const QString& name); // "claude", "codex", "opencode"
QStringList names();

struct Target
{
    QString root; // the server's root URL, "http://127.0.0.1:8787"
    QString key; // the local API key the agent sends
    QString model; // empty: the agent's default on FlareChat (defaultModel())
    QString smallModel; // empty: `model`
};

struct Plan
{
    QString program; // looked up on PATH
    QString displayName; // "Claude Code"
    QString installCommand; // "npm install -g @anthropic-ai/claude-code"
    QList<QPair<QString, QString>> environment; // set, in this order
    QStringList unset; // removed from the environment
    QStringList arguments; // before the user's own
    struct File
    {
        QString name; // relative to the plan's config directory
        QByteArray content;
    };
    QList<File> files; // written into configDir before the agent starts
};

// The Workers AI model the agents run on when none is chosen: the large model of the Claude map.
QString defaultModel();

// configDir: a private directory for the agent's throwaway config (opencode's file); its path
// goes into the environment.
Plan plan(Agent agent, const Target& target, const QString& configDir);

// The plan as shell lines a user can paste: its files, exports, unsets, then the command.
QString shellText(const Plan& plan, const QString& configDir);

} // namespace AgentLaunch
} // namespace flarechat
