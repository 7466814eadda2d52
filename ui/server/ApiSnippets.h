#pragma once

#include <QString>
#include <QStringList>

namespace flarechat {

// Ready-to-paste ways to use the local API: the real base URL, a key (the one just made, or an
// environment variable that holds it) and a model. Pure code.
namespace ApiSnippets {

// ClaudeCode, Codex, OpenCode: what `flarechat launch` gives each agent (config/AgentLaunch),
// as shell lines — Claude Code speaks /v1/messages with the server's root as its base URL,
// Codex /v1/responses, opencode /v1/chat/completions.
enum class Kind { Curl, Python, JavaScript, Environment, ClaudeCode, Codex, OpenCode };

struct Input
{
    QString baseUrl; // "http://127.0.0.1:8787/v1"
    QString key; // a whole key; empty: the snippet reads FLARECHAT_API_KEY (or needs none)
    bool keyRequired = true;
    QString model; // what the examples ask
};

QString text(Kind kind, const Input& input);
// The tab's name.
QString title(Kind kind);

} // namespace ApiSnippets
} // namespace flarechat
