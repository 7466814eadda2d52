// The first-run page's checks of a pasted account id and API token: what is removed, which mistake is
// named, what is offered instead. Every id and token here is a made-up test value, shaped so it
// cannot be real ("test-token-xxxx…", "0123456789abcdef…").
#include "config/CredentialHints.h"

#include <QtTest>

using namespace flarechat;
using P = CredentialHints::Problem;

namespace {

const QString kId = QStringLiteral("0123456789abcdef0123456789abcdef");
// 40 characters of [A-Za-z0-9_-], the legacy token shape.
const QString kToken = QStringLiteral("test-token-") + QString(29, QLatin1Char('x'));
// The scannable format: a prefix, 40 characters and a checksum.
const QString kUserToken = QStringLiteral("cfut_") + kToken + QStringLiteral("chk0");
const QString kAccountToken = QStringLiteral("cfat_") + kToken + QStringLiteral("chk0");

int flags(CredentialHints::Problems problems)
{
    return int(problems);
}

} // namespace

class TestCredentialHints final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accountId_data();
    void accountId();
    void apiToken_data();
    void apiToken();
    void formats();
    void hintsNeverRepeatAToken();

private:
    void columns();
    void check(const CredentialHints::Result& r);
};

void TestCredentialHints::columns()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value"); // what is left to use
    QTest::addColumn<int>("problems");
    QTest::addColumn<QString>("hint"); // a phrase the hint must hold; empty: no hint at all
    QTest::addColumn<QString>("suggestion");
    QTest::addColumn<bool>("wellFormed");
}

void TestCredentialHints::check(const CredentialHints::Result& r)
{
    QFETCH(QString, value);
    QFETCH(int, problems);
    QFETCH(QString, hint);
    QFETCH(QString, suggestion);
    QFETCH(bool, wellFormed);
    QCOMPARE(r.value, value);
    QCOMPARE(flags(r.problems), problems);
    if (hint.isEmpty())
        QVERIFY2(r.hint.isEmpty(), qPrintable(r.hint));
    else
        QVERIFY2(r.hint.contains(hint), qPrintable(r.hint));
    QCOMPARE(r.suggestion, suggestion);
    QCOMPARE(r.wellFormed, wellFormed);
}

void TestCredentialHints::accountId_data()
{
    columns();
    const QString none;
    // clang-format off
    QTest::newRow("right") << kId << kId << 0 << none << none << true;
    QTest::newRow("upper case is still hex") << kId.toUpper() << kId.toUpper() << 0 << none << none << true;
    QTest::newRow("empty") << QString() << QString() << 0 << none << none << false;
    QTest::newRow("only spaces") << QStringLiteral("   ") << QString() << 0 << none << none << false;
    QTest::newRow("spaces and a new line") << QStringLiteral("  ") + kId + QStringLiteral("\n") << kId
        << flags(P::Whitespace) << QStringLiteral("spaces and line breaks around the account id were removed")
        << none << true;
    QTest::newRow("tab") << QStringLiteral("\t") + kId << kId << flags(P::Whitespace) << QStringLiteral("removed")
        << none << true;
    QTest::newRow("double quotes") << QStringLiteral("\"") + kId + QStringLiteral("\"") << kId << flags(P::Quotes)
        << QStringLiteral("quotes around the account id were removed") << none << true;
    QTest::newRow("curly quotes and a space") << QStringLiteral("“") + kId + QStringLiteral("” ") << kId
        << flags(P::Whitespace | P::Quotes) << QStringLiteral("quotes") << none << true;
    QTest::newRow("export line") << QStringLiteral("export CLOUDFLARE_ACCOUNT_ID=") + kId << kId
        << flags(P::Assignment) << QStringLiteral("after “CLOUDFLARE_ACCOUNT_ID=” was kept") << none << true;
    QTest::newRow(".env line with quotes") << QStringLiteral("CLOUDFLARE_ACCOUNT_ID='") + kId + QStringLiteral("'")
        << kId << flags(P::Assignment | P::Quotes) << QStringLiteral("CLOUDFLARE_ACCOUNT_ID=") << none << true;
    QTest::newRow("${VAR}") << QStringLiteral("${CLOUDFLARE_ACCOUNT_ID}") << QStringLiteral("${CLOUDFLARE_ACCOUNT_ID}")
        << flags(P::UnexpandedVariable) << QStringLiteral("“${CLOUDFLARE_ACCOUNT_ID}” is the name of an environment variable")
        << none << false;
    QTest::newRow("$VAR") << QStringLiteral("$CLOUDFLARE_ACCOUNT_ID") << QStringLiteral("$CLOUDFLARE_ACCOUNT_ID")
        << flags(P::UnexpandedVariable) << QStringLiteral("never expanded") << none << false;
    QTest::newRow("%VAR% (Windows)") << QStringLiteral("%CLOUDFLARE_ACCOUNT_ID%") << QStringLiteral("%CLOUDFLARE_ACCOUNT_ID%")
        << flags(P::UnexpandedVariable) << QStringLiteral("environment variable") << none << false;
    QTest::newRow("URL-encoded ${VAR}") << QStringLiteral("$%7BCLOUDFLARE_ACCOUNT_ID%7D")
        << QStringLiteral("$%7BCLOUDFLARE_ACCOUNT_ID%7D") << flags(P::UnexpandedVariable)
        << QStringLiteral("environment variable") << none << false;
    QTest::newRow("bare variable name") << QStringLiteral("CLOUDFLARE_ACCOUNT_ID") << QStringLiteral("CLOUDFLARE_ACCOUNT_ID")
        << flags(P::UnexpandedVariable) << QStringLiteral("environment variable") << none << false;
    QTest::newRow("quoted ${VAR}") << QStringLiteral("\"${CLOUDFLARE_ACCOUNT_ID}\"") << QStringLiteral("${CLOUDFLARE_ACCOUNT_ID}")
        << flags(P::Quotes | P::UnexpandedVariable) << QStringLiteral("quotes around the account id were removed.")
        << none << false;
    QTest::newRow("token in the id field") << kToken << kToken << flags(P::TokenInAccountField)
        << QStringLiteral("looks like an API token") << none << false;
    QTest::newRow("scannable token in the id field") << kUserToken << kUserToken << flags(P::TokenInAccountField)
        << QStringLiteral("API token field") << none << false;
    QTest::newRow("Bearer token in the id field") << QStringLiteral("Bearer ") + kToken << kToken
        << flags(P::BearerPrefix | P::TokenInAccountField) << QStringLiteral("looks like an API token") << none << false;
    QTest::newRow("dashboard URL") << QStringLiteral("https://dash.cloudflare.com/") + kId + QStringLiteral("/ai/workers-ai")
        << QStringLiteral("https://dash.cloudflare.com/") + kId + QStringLiteral("/ai/workers-ai") << flags(P::Url)
        << QStringLiteral("The account id in it is ") + kId << kId << false;
    QTest::newRow("dashboard URL without scheme, upper case id") << QStringLiteral("dash.cloudflare.com/") + kId.toUpper()
        << QStringLiteral("dash.cloudflare.com/") + kId.toUpper() << flags(P::Url) << kId << kId << false;
    QTest::newRow("dashboard URL with a query") << QStringLiteral("https://dash.cloudflare.com/") + kId + QStringLiteral("?to=/home")
        << QStringLiteral("https://dash.cloudflare.com/") + kId + QStringLiteral("?to=/home") << flags(P::Url)
        << kId << kId << false;
    QTest::newRow("API URL") << QStringLiteral("https://api.cloudflare.com/client/v4/accounts/") + kId + QStringLiteral("/ai/run/@cf/x")
        << QStringLiteral("https://api.cloudflare.com/client/v4/accounts/") + kId + QStringLiteral("/ai/run/@cf/x")
        << flags(P::Url) << kId << kId << false;
    QTest::newRow("URL without an id") << QStringLiteral("https://dash.cloudflare.com/profile/api-tokens")
        << QStringLiteral("https://dash.cloudflare.com/profile/api-tokens") << flags(P::Url)
        << QStringLiteral("right after dash.cloudflare.com/") << none << false;
    QTest::newRow("too short") << kId.left(31) << kId.left(31) << flags(P::BadLength)
        << QStringLiteral("32 characters long; this has 31") << none << false;
    QTest::newRow("too long") << kId + QStringLiteral("0") << kId + QStringLiteral("0") << flags(P::BadLength)
        << QStringLiteral("this has 33") << none << false;
    QTest::newRow("not hex") << QStringLiteral("my-account") << QStringLiteral("my-account") << flags(P::BadCharacters)
        << QStringLiteral("only the characters 0–9 and a–f") << none << false;
    QTest::newRow("a space inside") << kId.left(16) + QStringLiteral(" ") + kId.mid(16)
        << kId.left(16) + QStringLiteral(" ") + kId.mid(16) << flags(P::BadCharacters) << QStringLiteral("0–9 and a–f")
        << none << false;
    // clang-format on
}

void TestCredentialHints::accountId()
{
    QFETCH(QString, text);
    check(CredentialHints::checkAccountId(text));
}

void TestCredentialHints::apiToken_data()
{
    columns();
    const QString none;
    // clang-format off
    QTest::newRow("right") << kToken << kToken << 0 << none << none << true;
    QTest::newRow("scannable user token") << kUserToken << kUserToken << 0 << none << none << true;
    QTest::newRow("scannable account token") << kAccountToken << kAccountToken << 0 << none << none << true;
    QTest::newRow("empty") << QString() << QString() << 0 << none << none << false;
    QTest::newRow("new line after it") << kToken + QStringLiteral("\r\n") << kToken << flags(P::Whitespace)
        << QStringLiteral("spaces and line breaks around the token were removed") << none << true;
    QTest::newRow("Bearer prefix") << QStringLiteral("Bearer ") + kToken << kToken << flags(P::BearerPrefix)
        << QStringLiteral("“Bearer ” was removed") << none << true;
    QTest::newRow("lower-case bearer") << QStringLiteral("bearer  ") + kToken << kToken << flags(P::BearerPrefix)
        << QStringLiteral("Bearer") << none << true;
    QTest::newRow("Authorization header") << QStringLiteral("Authorization: Bearer ") + kToken << kToken
        << flags(P::BearerPrefix) << QStringLiteral("FlareChat adds it itself") << none << true;
    QTest::newRow("quoted, with spaces") << QStringLiteral(" '") + kToken + QStringLiteral("' ") << kToken
        << flags(P::Whitespace | P::Quotes) << QStringLiteral("quotes around the token were removed") << none << true;
    QTest::newRow("quoted Bearer") << QStringLiteral("\"Bearer ") + kToken + QStringLiteral("\"") << kToken
        << flags(P::Quotes | P::BearerPrefix) << QStringLiteral("Bearer") << none << true;
    QTest::newRow("export line") << QStringLiteral("export CLOUDFLARE_API_TOKEN=\"") + kToken + QStringLiteral("\"")
        << kToken << flags(P::Assignment | P::Quotes) << QStringLiteral("after “CLOUDFLARE_API_TOKEN=” was kept")
        << none << true;
    QTest::newRow("PowerShell line") << QStringLiteral("$env:CLOUDFLARE_API_TOKEN = \"") + kToken + QStringLiteral("\"")
        << kToken << flags(P::Assignment | P::Quotes) << QStringLiteral("CLOUDFLARE_API_TOKEN=") << none << true;
    QTest::newRow("$VAR") << QStringLiteral("$CLOUDFLARE_API_TOKEN") << QStringLiteral("$CLOUDFLARE_API_TOKEN")
        << flags(P::UnexpandedVariable) << QStringLiteral("“$CLOUDFLARE_API_TOKEN” is the name of an environment variable")
        << none << false;
    QTest::newRow("${VAR}") << QStringLiteral("${CLOUDFLARE_API_TOKEN}") << QStringLiteral("${CLOUDFLARE_API_TOKEN}")
        << flags(P::UnexpandedVariable) << QStringLiteral("Paste the API token itself") << none << false;
    QTest::newRow("%VAR%") << QStringLiteral("%CLOUDFLARE_API_TOKEN%") << QStringLiteral("%CLOUDFLARE_API_TOKEN%")
        << flags(P::UnexpandedVariable) << QStringLiteral("never expanded") << none << false;
    QTest::newRow("$env:VAR") << QStringLiteral("$env:CLOUDFLARE_API_TOKEN") << QStringLiteral("$env:CLOUDFLARE_API_TOKEN")
        << flags(P::UnexpandedVariable) << QStringLiteral("never expanded") << none << false;
    QTest::newRow("account id in the token field") << kId << kId << flags(P::AccountIdInTokenField)
        << QStringLiteral("looks like an account id") << none << false;
    QTest::newRow("URL") << QStringLiteral("https://dash.cloudflare.com/profile/api-tokens")
        << QStringLiteral("https://dash.cloudflare.com/profile/api-tokens") << flags(P::Url)
        << QStringLiteral("web address, not an API token") << none << false;
    QTest::newRow("Global API Key") << kId + QStringLiteral("01234") << kId + QStringLiteral("01234")
        << flags(P::GlobalApiKey) << QStringLiteral("Global API Key") << none << false;
    QTest::newRow("scannable Global API Key") << QStringLiteral("cfk_") + kToken << QStringLiteral("cfk_") + kToken
        << flags(P::GlobalApiKey) << QStringLiteral("Global API Key") << none << false;
    QTest::newRow("broken over two lines") << kToken.left(20) + QStringLiteral("\n") + kToken.mid(20)
        << kToken.left(20) + QStringLiteral("\n") + kToken.mid(20) << flags(P::InnerWhitespace)
        << QStringLiteral("in one piece") << none << false;
    QTest::newRow("other characters") << kToken.left(39) + QStringLiteral("…") << kToken.left(39) + QStringLiteral("…")
        << flags(P::BadCharacters) << QStringLiteral("letters, digits") << none << false;
    QTest::newRow("cut short") << kToken.left(30) << kToken.left(30) << flags(P::BadLength)
        << QStringLiteral("40 characters long") << none << false;
    QTest::newRow("scannable, cut short") << kUserToken.left(30) << kUserToken.left(30) << flags(P::BadLength)
        << QStringLiteral("this has 30") << none << false;
    // clang-format on
}

void TestCredentialHints::apiToken()
{
    QFETCH(QString, text);
    check(CredentialHints::checkApiToken(text));
}

void TestCredentialHints::formats()
{
    QVERIFY(CredentialHints::isAccountId(kId));
    QVERIFY(!CredentialHints::isAccountId(kId + QStringLiteral(" ")));
    QVERIFY(!CredentialHints::isAccountId(kToken));
    QVERIFY(CredentialHints::isApiToken(kToken));
    QVERIFY(CredentialHints::isApiToken(kUserToken));
    QVERIFY(CredentialHints::isApiToken(kAccountToken));
    QVERIFY(!CredentialHints::isApiToken(kId));
    QVERIFY(!CredentialHints::isApiToken(QStringLiteral("cfut_short")));
    QVERIFY(!CredentialHints::isApiToken(kToken + QStringLiteral("x"))); // 41, unprefixed
}

void TestCredentialHints::hintsNeverRepeatAToken()
{
    // A hint may be shown next to a masked field: it names variables and account ids, never a token.
    for (const QString& text : {kToken, QStringLiteral("Bearer ") + kToken, kToken.left(30),
             kToken.left(20) + QStringLiteral(" ") + kToken.mid(20), QStringLiteral("cfk_") + kToken}) {
        const CredentialHints::Result r = CredentialHints::checkApiToken(text);
        QVERIFY2(!r.hint.contains(kToken.left(20)), qPrintable(r.hint));
    }
}

QTEST_APPLESS_MAIN(TestCredentialHints)
#include "tst_credentialhints.moc"
