#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace flarechat {

// Which Workers AI model answers a Claude model name. Claude Code asks for claude-… models (a
// large one for the work, a small fast one for titles and summaries); FlareChat maps them by
// glob patterns, first match wins. Names that are not claude-… (a catalog alias, a raw "@cf/…"
// id) pass through unchanged; a claude-… name no pattern matches goes to the first rule's model
// (the large one), never a 404.
//
// Defaults (README, "Coding agents"): *opus* and *sonnet* → glm-4.7-flash, free, tool-capable,
// a 131k window that holds Claude Code's large first request, and cheap enough for a day of
// agent turns on the free allocation; *haiku* → gemma-4 (26B with 4B active: fast, free, tools,
// thinking off by default). The Settings key server/claude_models overrides the table, one
// "pattern=model" a line. Pure code.
class ClaudeModelMap final
{
public:
    struct Rule
    {
        QString pattern; // a glob, matched case-insensitively against the whole name
        QString model; // what the engine is asked for
    };

    ClaudeModelMap(); // the defaults
    explicit ClaudeModelMap(QList<Rule> rules);

    static QStringList defaultSetting(); // {"*opus*=glm-4.7-flash", ...}
    // "pattern=model" entries; malformed ones are skipped. No valid entry: the defaults.
    static ClaudeModelMap fromSetting(const QStringList& entries);

    // The model the engine is asked for when a client names `requested`.
    QString resolve(const QString& requested) const;
    const QList<Rule>& rules() const { return m_rules; }
    bool operator==(const ClaudeModelMap& o) const;

private:
    QList<Rule> m_rules;
};

} // namespace flarechat
