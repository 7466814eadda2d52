#include "chat/ErrorText.h"
#include "engine/Engine.h"
#include "openai/ErrorCodes.h"
#include "workersai/CompletionJob.h"
#include "workersai/ModelCatalog.h"
#include "workersai/UpstreamError.h"

#include <QtTest>

#include <functional>

using namespace flarechat;

// The window translates errors by their code (ErrorText::describe). A code the window
// knows that core never produces is a sentence nobody sees — as missing_credentials was, while the
// engine reported missing_cloudflare_credentials. Every code the window translates must be one of
// core's, and core must produce it from a real cause, shown here for each.
class TestErrorCodes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void translatedCodesAreCoreCodes();
    void coreProducesEveryTranslatedCode_data();
    void coreProducesEveryTranslatedCode();
    void everyTranslatedCodeIsCovered();

private:
    static QHash<QString, std::function<ApiError()>> producers();
};

static ApiError cloudflare(int status, int code, const char* message)
{
    const QByteArray body = QByteArrayLiteral("{\"result\":null,\"success\":false,\"errors\":[{\"code\":")
        + QByteArray::number(code) + ",\"message\":\"" + message + "\"}],\"messages\":[]}";
    return UpstreamError::fromReply(status, body, {});
}

QHash<QString, std::function<ApiError()>> TestErrorCodes::producers()
{
    Endpoint httpProxy;
    httpProxy.proxyMode = Endpoint::ProxyMode::Http;
    httpProxy.proxyHost = QStringLiteral("127.0.0.1");
    httpProxy.proxyPort = 3128;
    return {
        {ErrorCode::UpstreamUnreachable, [] { return UpstreamError::network(QStringLiteral("Connection refused")); }},
        {ErrorCode::UpstreamTimeout, [] { return UpstreamError::timeout(QStringLiteral("no reply within 180 s")); }},
        {ErrorCode::ProxyUnreachable,
            [httpProxy] {
                return UpstreamError::fromNetworkError(
                    QNetworkReply::ProxyConnectionRefusedError, QStringLiteral("refused"), httpProxy);
            }},
        {ErrorCode::ProxyAuthenticationFailed,
            [httpProxy] {
                return UpstreamError::fromNetworkError(
                    QNetworkReply::ProxyAuthenticationRequiredError, QStringLiteral("407"), httpProxy);
            }},
        {ErrorCode::UpstreamAuthenticationFailed, [] { return cloudflare(401, 10000, "Authentication error"); }},
        {ErrorCode::PermissionDenied, [] { return cloudflare(403, 3023, "Account blocked"); }},
        {ErrorCode::AccountNotFound,
            [] { return cloudflare(404, 7003, "Could not route to /client/v4/accounts/x/ai/run"); }},
        {ErrorCode::ModelNotFound,
            [] {
                ApiError e;
                ModelCatalog::builtIn().resolve(QStringLiteral("gpt-4o"), &e);
                return e;
            }},
        {ErrorCode::ModelRequiresPaidPlan,
            [] { return cloudflare(403, 5035, "This model requires a Workers Paid plan"); }},
        {ErrorCode::ModelAgreementRequired, [] { return cloudflare(403, 5016, "Model agreement not accepted"); }},
        {ErrorCode::InsufficientQuota,
            [] { return cloudflare(429, 3036, "You have used up your daily free allocation of 10,000 neurons."); }},
        {ErrorCode::RateLimitExceeded, [] { return cloudflare(429, 3040, "Capacity temporarily exceeded"); }},
        {ErrorCode::RequestTooLarge, [] { return cloudflare(413, 3006, "Request too large"); }},
        {ErrorCode::MissingCredentials,
            [] {
                Engine engine; // no account id, no token
                ChatRequest request;
                request.model = QStringLiteral("llama-3.3-70b");
                request.messages.append(ChatMessage::user(QStringLiteral("hi")));
                ApiError e;
                CompletionJob* job = engine.chat(request, &e);
                Q_ASSERT(!job);
                return e;
            }},
    };
}

void TestErrorCodes::translatedCodesAreCoreCodes()
{
    const QList<QLatin1String> all = ErrorCode::all();
    for (const QLatin1String& code : ErrorText::translatedCodes())
        QVERIFY2(all.contains(code), code.data());
}

void TestErrorCodes::coreProducesEveryTranslatedCode_data()
{
    QTest::addColumn<QString>("code");
    for (const QLatin1String& code : ErrorText::translatedCodes())
        QTest::newRow(code.data()) << QString(code);
}

void TestErrorCodes::coreProducesEveryTranslatedCode()
{
    QFETCH(QString, code);
    const auto producer = producers().value(code);
    QVERIFY2(producer, "no cause known for this code: add one above");
    const ApiError e = producer();
    QCOMPARE(e.code, code);
    QVERIFY(!e.message.isEmpty());
    // And the window leads with its own sentence for it, not the bare message.
    QVERIFY(ErrorText::describe(e).contains(e.message));
}

void TestErrorCodes::everyTranslatedCodeIsCovered()
{
    QCOMPARE(producers().size(), ErrorText::translatedCodes().size());
}

QTEST_MAIN(TestErrorCodes)
#include "tst_errorcodes.moc"
