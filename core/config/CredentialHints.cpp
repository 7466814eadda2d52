#include "CredentialHints.h"

#include <QRegularExpression>
#include <QStringList>

namespace flarechat {

namespace {

using Problem = CredentialHints::Problem;
using Problems = CredentialHints::Problems;

enum class Field { AccountId, ApiToken };

// What is certainly not part of the value, removed in the order a paste wraps it: white space
// around it, a shell or .env assignment, quotes, an Authorization header's "Bearer ".
struct Cleaned
{
    QString value;
    Problems problems;
    QString variable; // the NAME of a NAME=value line
};

Cleaned clean(const QString& text)
{
    Cleaned c;
    c.value = text.trimmed();
    if (c.value != text && !c.value.isEmpty())
        c.problems |= Problem::Whitespace;

    // export NAME=value, set NAME=value, $env:NAME = "value" (PowerShell), NAME=value (.env).
    static const QRegularExpression assignment(
        QStringLiteral("^(?:export\\s+|set\\s+|\\$env:)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(\\S.*)$"));
    if (const QRegularExpressionMatch m = assignment.match(c.value); m.hasMatch()) {
        c.variable = m.captured(1);
        c.value = m.captured(2).trimmed();
        c.problems |= Problem::Assignment;
    }

    static const QList<QPair<QChar, QChar>> quotes {{u'"', u'"'}, {u'\'', u'\''}, {u'`', u'`'},
        {QChar(0x201C), QChar(0x201D)}, {QChar(0x2018), QChar(0x2019)}, {QChar(0x300C), QChar(0x300D)}};
    for (const auto& [open, close] : quotes) {
        if (c.value.size() >= 3 && c.value.startsWith(open) && c.value.endsWith(close)) {
            c.value = c.value.mid(1, c.value.size() - 2).trimmed();
            c.problems |= Problem::Quotes;
            break;
        }
    }

    static const QRegularExpression bearer(
        QStringLiteral("^(?:Authorization:\\s*)?Bearer\\s+(\\S.*)$"), QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = bearer.match(c.value); m.hasMatch()) {
        c.value = m.captured(1).trimmed();
        c.problems |= Problem::BearerPrefix;
    }
    return c;
}

// ${NAME}, $NAME, %NAME%, $env:NAME, the URL-encoded $%7BNAME%7D, or a bare CLOUDFLARE_... name.
bool isUnexpandedVariable(const QString& value)
{
    static const QRegularExpression variable(QStringLiteral("^(?:\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}"
                                                            "|\\$[A-Za-z_][A-Za-z0-9_]*"
                                                            "|%[A-Za-z_][A-Za-z0-9_]*%"
                                                            "|\\$env:[A-Za-z_][A-Za-z0-9_]*"
                                                            "|\\$%7B[A-Za-z_][A-Za-z0-9_]*%7D"
                                                            "|(?:CLOUDFLARE|CF)_[A-Z0-9_]+)$"),
        QRegularExpression::CaseInsensitiveOption);
    return variable.match(value).hasMatch();
}

bool isUrl(const QString& value)
{
    static const QRegularExpression url(
        QStringLiteral("^(?:[a-z][a-z0-9+.-]*://|www\\.|[a-z0-9-]+\\.cloudflare\\.com(?:/|$))"),
        QRegularExpression::CaseInsensitiveOption);
    return url.match(value).hasMatch();
}

// The account id in an address of the dashboard (dash.cloudflare.com/<id>/...) or of the API
// (.../accounts/<id>/...): 32 hexadecimal characters standing alone between separators.
QString accountIdInUrl(const QString& url)
{
    static const QRegularExpression id(QStringLiteral("(?<![0-9A-Za-z])([0-9a-fA-F]{32})(?![0-9A-Za-z])"));
    const QRegularExpressionMatch m = id.match(url);
    return m.hasMatch() ? m.captured(1).toLower() : QString();
}

bool isGlobalApiKey(const QString& value)
{
    static const QRegularExpression key(QStringLiteral("^(?:[0-9a-f]{37}|cfk_[A-Za-z0-9_-]{40,})$"));
    return key.match(value).hasMatch();
}

// The sentences for what clean() removed, in that order.
QStringList cleanedNotes(const Cleaned& c, Field field)
{
    const bool id = field == Field::AccountId;
    QStringList notes;
    if (c.problems & Problem::Whitespace)
        notes << (id ? CredentialHints::tr("The spaces and line breaks around the account id were removed.")
                     : CredentialHints::tr("The spaces and line breaks around the token were removed."));
    if (c.problems & Problem::Assignment)
        notes << CredentialHints::tr("Only the value after “%1=” was kept.").arg(c.variable);
    if (c.problems & Problem::Quotes)
        notes << (id ? CredentialHints::tr("The quotes around the account id were removed.")
                     : CredentialHints::tr("The quotes around the token were removed."));
    if (c.problems & Problem::BearerPrefix)
        notes << CredentialHints::tr("“Bearer ” was removed from the start: FlareChat adds it itself.");
    return notes;
}

CredentialHints::Result finish(const Cleaned& c, Field field, Problems problems, const QString& problem)
{
    CredentialHints::Result r;
    r.value = c.value;
    r.problems = c.problems | problems;
    QStringList sentences = cleanedNotes(c, field);
    if (!problem.isEmpty())
        sentences << problem;
    r.hint = sentences.join(QLatin1Char(' '));
    r.wellFormed
        = field == Field::AccountId ? CredentialHints::isAccountId(r.value) : CredentialHints::isApiToken(r.value);
    return r;
}

} // namespace

bool CredentialHints::isAccountId(const QString& value)
{
    static const QRegularExpression id(QStringLiteral("^[0-9a-fA-F]{32}$"));
    return id.match(value).hasMatch();
}

bool CredentialHints::isApiToken(const QString& value)
{
    static const QRegularExpression token(QStringLiteral("^(?:[A-Za-z0-9_-]{40}|cf(?:ut|at)_[A-Za-z0-9_-]{40,})$"));
    return token.match(value).hasMatch();
}

CredentialHints::Result CredentialHints::checkAccountId(const QString& text)
{
    const Cleaned c = clean(text);
    const QString& v = c.value;
    if (v.isEmpty() || isAccountId(v))
        return finish(c, Field::AccountId, {}, {});
    if (isUnexpandedVariable(v)) {
        return finish(c, Field::AccountId, Problem::UnexpandedVariable,
            tr("“%1” is the name of an environment variable, not its value: it was never expanded. Paste the "
               "account id itself, 32 characters of 0–9 and a–f.")
                .arg(v));
    }
    if (isUrl(v)) {
        const QString id = accountIdInUrl(v);
        if (id.isEmpty()) {
            return finish(c, Field::AccountId, Problem::Url,
                tr("This is a web address, not an account id. In the Cloudflare dashboard the account id is "
                   "the 32-character part of the address right after dash.cloudflare.com/."));
        }
        Result r = finish(c, Field::AccountId, Problem::Url,
            tr("This is a web address, not an account id. The account id in it is %1.").arg(id));
        r.suggestion = id;
        return r;
    }
    if (isApiToken(v)) {
        return finish(c, Field::AccountId, Problem::TokenInAccountField,
            tr("This looks like an API token, not an account id: paste it into the API token field. The account "
               "id is 32 characters of 0–9 and a–f."));
    }
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]+$"));
    if (!hex.match(v).hasMatch()) {
        return finish(c, Field::AccountId, Problem::BadCharacters,
            tr("An account id has only the characters 0–9 and a–f, and this has others. Copy it again from the "
               "dashboard."));
    }
    return finish(c, Field::AccountId, Problem::BadLength,
        tr("An account id is 32 characters long; this has %1. Part of it may be missing.").arg(v.size()));
}

CredentialHints::Result CredentialHints::checkApiToken(const QString& text)
{
    const Cleaned c = clean(text);
    const QString& v = c.value;
    if (v.isEmpty() || isApiToken(v))
        return finish(c, Field::ApiToken, {}, {});
    if (isUnexpandedVariable(v)) {
        return finish(c, Field::ApiToken, Problem::UnexpandedVariable,
            tr("“%1” is the name of an environment variable, not its value: it was never expanded. Paste the "
               "API token itself.")
                .arg(v));
    }
    if (isUrl(v)) {
        return finish(c, Field::ApiToken, Problem::Url,
            tr("This is a web address, not an API token. Create a token in the Cloudflare dashboard and paste "
               "the token it shows you."));
    }
    if (isAccountId(v)) {
        return finish(c, Field::ApiToken, Problem::AccountIdInTokenField,
            tr("This looks like an account id (32 characters of 0–9 and a–f), not an API token: paste it into "
               "the account id field."));
    }
    if (isGlobalApiKey(v)) {
        return finish(c, Field::ApiToken, Problem::GlobalApiKey,
            tr("This looks like the Global API Key, which opens your whole account and which FlareChat does not "
               "use. Create an API token with the Workers AI permissions instead."));
    }
    static const QRegularExpression space(QStringLiteral("\\s"));
    if (v.contains(space)) {
        return finish(c, Field::ApiToken, Problem::InnerWhitespace,
            tr("An API token has no spaces or line breaks inside it: copy it again in one piece."));
    }
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (!allowed.match(v).hasMatch()) {
        return finish(c, Field::ApiToken, Problem::BadCharacters,
            tr("An API token has only letters, digits, “-” and “_”, and this has other characters. Copy it "
               "again."));
    }
    return finish(c, Field::ApiToken, Problem::BadLength,
        tr("Cloudflare API tokens are 40 characters long (newer ones start with cfut_ or cfat_ and are "
           "longer); this has %1. Part of it may be missing.")
            .arg(v.size()));
}

} // namespace flarechat
