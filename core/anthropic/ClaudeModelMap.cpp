#include "ClaudeModelMap.h"

#include <QRegularExpression>

namespace flarechat {

namespace {

bool globMatches(const QString& pattern, const QString& name)
{
    const QRegularExpression re(
        QRegularExpression::wildcardToRegularExpression(pattern), QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

QList<ClaudeModelMap::Rule> parse(const QStringList& entries)
{
    QList<ClaudeModelMap::Rule> rules;
    for (const QString& entry : entries) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString pattern = entry.left(eq).trimmed();
        const QString model = entry.mid(eq + 1).trimmed();
        if (!pattern.isEmpty() && !model.isEmpty())
            rules.append({pattern, model});
    }
    return rules;
}

} // namespace

QStringList ClaudeModelMap::defaultSetting()
{
    return {QStringLiteral("*opus*=glm-4.7-flash"), QStringLiteral("*sonnet*=glm-4.7-flash"),
        QStringLiteral("*haiku*=gemma-4")};
}

ClaudeModelMap::ClaudeModelMap()
    : m_rules(parse(defaultSetting()))
{
}

ClaudeModelMap::ClaudeModelMap(QList<Rule> rules)
    : m_rules(std::move(rules))
{
    if (m_rules.isEmpty())
        m_rules = parse(defaultSetting());
}

ClaudeModelMap ClaudeModelMap::fromSetting(const QStringList& entries)
{
    return ClaudeModelMap(parse(entries));
}

QString ClaudeModelMap::resolve(const QString& requested) const
{
    for (const Rule& rule : m_rules) {
        if (globMatches(rule.pattern, requested))
            return rule.model;
    }
    if (requested.startsWith(QLatin1String("claude"), Qt::CaseInsensitive))
        return m_rules.first().model; // never a 404 for a Claude name
    return requested;
}

bool ClaudeModelMap::operator==(const ClaudeModelMap& o) const
{
    if (m_rules.size() != o.m_rules.size())
        return false;
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        if (m_rules[i].pattern != o.m_rules[i].pattern || m_rules[i].model != o.m_rules[i].model)
            return false;
    }
    return true;
}

} // namespace flarechat
