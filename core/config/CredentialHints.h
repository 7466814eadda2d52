#pragma once

#include <QCoreApplication>
#include <QFlags>
#include <QString>

namespace flarechat {

// The usual mistakes in a pasted Cloudflare account id or API token, each found by a pure check
// and explained in a sentence the user can act on (the first-run page shows them live under each
// field). What is certainly not part of the value — spaces and line breaks around it, quotes, a
// "Bearer " prefix, a whole `export NAME=value` line — is removed, and the hint says so; for the
// rest the hint says what is wrong and, where it can, offers the right value (the account id in a
// dashboard address). Nothing here blocks: Cloudflare's answer to Test connection is the last word.
//
// Formats (docs: developers.cloudflare.com/fundamentals/api/get-started/token-formats and
// reference §3, §9): an account id is 32 hexadecimal characters; an API token is 40 characters of
// [A-Za-z0-9_-], or, since the scannable format, "cfut_" (user) or "cfat_" (account) followed by
// 40 characters and a checksum; a Global API Key is 37 hexadecimal characters or "cfk_...", and
// cannot be used as a Bearer token.
class CredentialHints final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::CredentialHints)

public:
    enum class Problem {
        Whitespace = 0x1, // spaces or line breaks around the value (removed)
        Quotes = 0x2, // "value" or 'value' (removed)
        Assignment = 0x4, // NAME=value or export NAME=value (the value kept)
        BearerPrefix = 0x8, // "Bearer value" (removed)
        UnexpandedVariable = 0x10, // ${NAME}, $NAME or %NAME% instead of its value
        Url = 0x20, // a web address
        TokenInAccountField = 0x40,
        AccountIdInTokenField = 0x80,
        GlobalApiKey = 0x100, // the legacy Global API Key, not a token
        InnerWhitespace = 0x200, // spaces or line breaks inside a token
        BadCharacters = 0x400, // characters no account id or token has
        BadLength = 0x800, // the right characters, the wrong number of them
    };
    Q_DECLARE_FLAGS(Problems, Problem)

    struct Result
    {
        QString value; // the text without what was certainly not part of it (see Problem)
        Problems problems;
        QString hint; // one or two sentences for the user; empty when the value looks right
        QString suggestion; // a value to offer instead (the account id in a dashboard address), or empty
        bool wellFormed = false; // `value` has the field's format
        bool changed(const QString& text) const { return value != text; }
    };

    static Result checkAccountId(const QString& text);
    static Result checkApiToken(const QString& text);

    static bool isAccountId(const QString& value); // 32 hexadecimal characters
    static bool isApiToken(const QString& value); // a legacy or a scannable token's shape
};

} // namespace flarechat

Q_DECLARE_OPERATORS_FOR_FLAGS(flarechat::CredentialHints::Problems)
