#include "workersai/UpstreamError.h"

#include <QTimeZone>
#include <QtTest>

using namespace flarechat;

class TestUpstreamError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void maps_data();
    void maps();
    void quotaResetIsMidnightUtc();
    void dailyQuota_data();
    void dailyQuota();
    void retryAfterHeader();
    void openAiShapedAndPlainText();
    void retryRules();
    void networkErrors_data();
    void networkErrors();
    void proxyMessagesHideCredentials();
};

static QByteArray envelope(int code, const char* message)
{
    return QByteArray("{\"result\":null,\"success\":false,\"errors\":[{\"code\":") + QByteArray::number(code)
        + ",\"message\":\"" + message + "\"}],\"messages\":[]}";
}

void TestUpstreamError::maps_data()
{
    QTest::addColumn<int>("upstreamStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("code");

    QTest::newRow("10000 auth") << 401 << envelope(10000, "Authentication error") << 401
                                << QStringLiteral("authentication_error")
                                << QStringLiteral("upstream_authentication_failed");
    QTest::newRow("5035 paid only") << 403 << envelope(5035, "This model requires Workers Paid") << 403
                                    << QStringLiteral("permission_error") << QStringLiteral("model_requires_paid_plan");
    QTest::newRow("5016 licence") << 403 << envelope(5016, "Model agreement not accepted") << 403
                                  << QStringLiteral("permission_error") << QStringLiteral("model_agreement_required");
    QTest::newRow("5007 no such model") << 400 << envelope(5007, "No such model @cf/x") << 404
                                        << QStringLiteral("invalid_request_error") << QStringLiteral("model_not_found");
    QTest::newRow("3042 invalid model") << 404 << envelope(3042, "Invalid model name") << 404
                                        << QStringLiteral("invalid_request_error") << QStringLiteral("model_not_found");
    QTest::newRow("7000 misspelt") << 400 << envelope(7000, "No route for that URI") << 404
                                   << QStringLiteral("invalid_request_error") << QStringLiteral("model_not_found");
    QTest::newRow("7003 bad account") << 404 << envelope(7003, "Could not route to /client/v4/accounts/x/ai/run") << 404
                                      << QStringLiteral("invalid_request_error") << QStringLiteral("account_not_found");
    QTest::newRow("3006 too large") << 413 << envelope(3006, "Request is too large") << 413
                                    << QStringLiteral("invalid_request_error") << QStringLiteral("request_too_large");
    QTest::newRow("3040 capacity") << 429 << envelope(3040, "Capacity temporarily exceeded, please try again.") << 429
                                   << QStringLiteral("rate_limit_error") << QStringLiteral("rate_limit_exceeded");
    QTest::newRow("3036 daily quota") << 429
                                      << envelope(3036, "You have used up your daily free allocation of 10,000 neurons")
                                      << 429 << QStringLiteral("insufficient_quota")
                                      << QStringLiteral("insufficient_quota");
    QTest::newRow("4006 daily quota") << 429 << envelope(4006, "daily free allocation used") << 429
                                      << QStringLiteral("insufficient_quota") << QStringLiteral("insufficient_quota");
    QTest::newRow("3007 timeout") << 408 << envelope(3007, "Request timeout") << 408 << QStringLiteral("timeout_error")
                                  << QStringLiteral("upstream_timeout");
    QTest::newRow("8001 invalid input") << 400 << envelope(8001, "Invalid input") << 400
                                        << QStringLiteral("invalid_request_error")
                                        << QStringLiteral("upstream_bad_request");
    QTest::newRow("500 internal") << 500 << envelope(1000, "Internal error") << 502 << QStringLiteral("api_error")
                                  << QStringLiteral("upstream_error");
    QTest::newRow("503 html page") << 503 << QByteArray("<html>Service Unavailable</html>") << 502
                                   << QStringLiteral("api_error") << QStringLiteral("upstream_error");
    QTest::newRow("504 gateway timeout") << 504 << QByteArray() << 504 << QStringLiteral("timeout_error")
                                         << QStringLiteral("upstream_timeout");
    QTest::newRow("binding style code in message")
        << 429 << QByteArray("{\"errors\":[{\"message\":\"3040: Capacity temporarily exceeded\"}]}") << 429
        << QStringLiteral("rate_limit_error") << QStringLiteral("rate_limit_exceeded");
}

void TestUpstreamError::maps()
{
    QFETCH(int, upstreamStatus);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(QString, code);
    const ApiError e = UpstreamError::fromReply(upstreamStatus, body, {});
    QCOMPARE(e.httpStatus, status);
    QCOMPARE(e.type, type);
    QCOMPARE(e.code, code);
    QVERIFY(!e.message.isEmpty());
    // The upstream's own words stay in the message.
    if (body.startsWith('{')) {
        const QJsonObject first
            = QJsonDocument::fromJson(body).object().value(QStringLiteral("errors")).toArray().first().toObject();
        QVERIFY2(e.message.contains(first.value(QStringLiteral("message")).toString()), qPrintable(e.message));
    }
    const QJsonObject json = e.toJson().value(QStringLiteral("error")).toObject();
    QCOMPARE(json.value(QStringLiteral("type")).toString(), type);
    QCOMPARE(json.value(QStringLiteral("code")).toString(), code);
    QVERIFY(json.contains(QStringLiteral("param")));
}

void TestUpstreamError::quotaResetIsMidnightUtc()
{
    const QDateTime now(QDate(2026, 11, 26), QTime(22, 30), QTimeZone::utc());
    QCOMPARE(UpstreamError::secondsUntilQuotaReset(now), qint64(90 * 60));
    const ApiError e = UpstreamError::fromReply(429, envelope(3036, "used up"), "30", now);
    QCOMPARE(e.retryAfterSeconds, 90 * 60); // the header's 30 s would only fail again
    QVERIFY2(e.message.contains(QStringLiteral("2026-11-27T00:00:00Z")), qPrintable(e.message));
}

// Reference §6: 3036 (REST) and 4006 (binding) carry the same text, and a client matches either
// code or the text "daily free allocation": a binding-style message may carry the code in its text
// only, an OpenAI-shaped /ai/v1 error may carry no code at all. Whatever the shape, the error says
// the real reset time (the next 00:00 UTC, never 23:59:59Z) and Retry-After counts the seconds to
// it, rounded up.
void TestUpstreamError::dailyQuota_data()
{
    QTest::addColumn<int>("upstreamStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QString>("resetAt");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<int>("upstreamCode");

    const char* text = "You have used up your daily free allocation of 10,000 neurons. Please upgrade to "
                       "Cloudflare's Workers Paid plan if you would like to continue usage.";
    const auto at = [](int day, int h, int m, int s, int ms) {
        return QDateTime(QDate(2026, 12, day), QTime(h, m, s, ms), QTimeZone::utc());
    };
    const QDateTime noon = at(1, 12, 0, 0, 0);
    const QString tomorrow = QStringLiteral("2026-12-02T00:00:00Z");
    const QByteArray textOnly
        = QByteArray(R"({"result":null,"success":false,"errors":[{"message":")") + text + R"("}],"messages":[]})";

    QTest::newRow("3036") << 429 << envelope(3036, text) << noon << tomorrow << 12 * 3600 << 3036;
    QTest::newRow("4006") << 429 << envelope(4006, text) << noon << tomorrow << 12 * 3600 << 4006;
    QTest::newRow("4006 in the text only (binding style)")
        << 500 << (QByteArray(R"({"errors":[{"message":"4006: )") + text + R"("}]})") << noon << tomorrow << 12 * 3600
        << 4006;
    QTest::newRow("text only, no code") << 429 << textOnly << noon << tomorrow << 12 * 3600 << 0;
    QTest::newRow("text with another code") << 429 << envelope(1000, text) << noon << tomorrow << 12 * 3600 << 1000;
    QTest::newRow("second of two errors")
        << 429
        << (QByteArray(R"({"success":false,"errors":[{"code":7000,"message":"No route"},{"code":3036,"message":")")
               + text + R"("}]})")
        << noon << tomorrow << 12 * 3600 << 3036;
    QTest::newRow("OpenAI-shaped, no code")
        << 429
        << (QByteArray(R"({"error":{"message":")") + text + R"(","type":"rate_limit_error","param":null,"code":null}})")
        << noon << tomorrow << 12 * 3600 << 0;
    QTest::newRow("plain text") << 429 << QByteArray(text) << noon << tomorrow << 12 * 3600 << 0;
    QTest::newRow("noon with milliseconds") << 429 << envelope(3036, text) << at(1, 12, 0, 0, 250) << tomorrow
                                            << 12 * 3600 << 3036; // 43199.75 s: rounded up, not down
    QTest::newRow("just before midnight")
        << 429 << envelope(3036, text) << at(1, 23, 59, 59, 0) << tomorrow << 1 << 3036;
    QTest::newRow("a millisecond before midnight")
        << 429 << envelope(3036, text) << at(1, 23, 59, 59, 999) << tomorrow << 1 << 3036;
    QTest::newRow("midnight: a new day") << 429 << envelope(3036, text) << at(2, 0, 0, 0, 0)
                                         << QStringLiteral("2026-12-03T00:00:00Z") << 24 * 3600 << 3036;
    QTest::newRow("just after midnight") << 429 << envelope(3036, text) << at(2, 0, 0, 0, 1)
                                         << QStringLiteral("2026-12-03T00:00:00Z") << 24 * 3600 << 3036;
    QTest::newRow("local time, UTC+8") << 429 << envelope(3036, text)
                                       << QDateTime(QDate(2026, 12, 2), QTime(7, 0), QTimeZone(8 * 3600)) << tomorrow
                                       << 3600 << 3036; // 23:00 UTC on the 1st
}

void TestUpstreamError::dailyQuota()
{
    QFETCH(int, upstreamStatus);
    QFETCH(QByteArray, body);
    QFETCH(QDateTime, now);
    QFETCH(QString, resetAt);
    QFETCH(int, retryAfter);
    QFETCH(int, upstreamCode);
    const ApiError e = UpstreamError::fromReply(upstreamStatus, body, "30", now);
    QCOMPARE(e.httpStatus, 429);
    QCOMPARE(e.type, QString(ErrorType::InsufficientQuota));
    QCOMPARE(e.code, QString(ErrorCode::InsufficientQuota));
    QCOMPARE(e.upstreamCode, upstreamCode);
    QCOMPARE(e.retryAfterSeconds, retryAfter); // never the header's 30 s: that would only fail again
    QVERIFY2(e.message.contains(resetAt), qPrintable(e.message));
    QVERIFY2(!e.message.contains(QLatin1String("23:59:59")), qPrintable(e.message));
    QVERIFY2(e.message.contains(QLatin1String("daily free allocation")), qPrintable(e.message)); // Cloudflare's words
    QVERIFY(UpstreamError::isDailyQuota(e));
    QVERIFY(!UpstreamError::isRetryable(e));
    QCOMPARE(UpstreamError::quotaResetAt(now).toString(Qt::ISODate), resetAt);
    QCOMPARE(UpstreamError::secondsUntilQuotaReset(now), qint64(retryAfter));
}

void TestUpstreamError::retryAfterHeader()
{
    const ApiError seconds = UpstreamError::fromReply(429, envelope(3040, "Capacity"), "7");
    QCOMPARE(seconds.retryAfterSeconds, 7);
    const QDateTime now(QDate(2026, 11, 26), QTime(12, 0), QTimeZone::utc());
    const ApiError date
        = UpstreamError::fromReply(429, envelope(3040, "Capacity"), "Thu, 26 Nov 2026 12:00:20 GMT", now);
    QCOMPARE(date.retryAfterSeconds, 20);
    const ApiError none = UpstreamError::fromReply(429, envelope(3040, "Capacity"), {});
    QVERIFY(none.retryAfterSeconds >= 1);
}

void TestUpstreamError::openAiShapedAndPlainText()
{
    const ApiError a = UpstreamError::fromReply(
        400, R"({"error":{"message":"bad field","type":"invalid_request_error","code":"8001"}})", {});
    QCOMPARE(a.httpStatus, 400);
    QVERIFY(a.message.contains(QStringLiteral("bad field")));
    const ApiError b = UpstreamError::fromReply(502, "Bad Gateway", {});
    QCOMPARE(b.httpStatus, 502);
    QVERIFY(b.message.contains(QStringLiteral("Bad Gateway")));
}

void TestUpstreamError::retryRules()
{
    QVERIFY(UpstreamError::isRetryable(UpstreamError::fromReply(429, envelope(3040, "Capacity"), {})));
    QVERIFY(UpstreamError::isRetryable(UpstreamError::fromReply(500, envelope(1000, "x"), {})));
    QVERIFY(UpstreamError::isRetryable(UpstreamError::fromReply(408, envelope(3007, "timeout"), {})));
    QVERIFY(UpstreamError::isRetryable(UpstreamError::network(QStringLiteral("Connection refused"))));
    QVERIFY(!UpstreamError::isRetryable(UpstreamError::fromReply(429, envelope(3036, "quota"), {})));
    QVERIFY(!UpstreamError::isRetryable(UpstreamError::fromReply(429, envelope(4006, "quota"), {})));
    QVERIFY(!UpstreamError::isRetryable(
        UpstreamError::fromReply(429, R"({"errors":[{"message":"used up your daily free allocation"}]})", {})));
    QVERIFY(!UpstreamError::isDailyQuota(UpstreamError::fromReply(429, envelope(3040, "Capacity"), {})));
    QVERIFY(!UpstreamError::isRetryable(UpstreamError::fromReply(401, envelope(10000, "auth"), {})));
    QVERIFY(!UpstreamError::isRetryable(UpstreamError::fromReply(400, envelope(5007, "model"), {})));
}

void TestUpstreamError::networkErrors_data()
{
    QTest::addColumn<int>("mode"); // Endpoint::ProxyMode
    QTest::addColumn<int>("error"); // QNetworkReply::NetworkError
    QTest::addColumn<QString>("code");
    using Mode = Endpoint::ProxyMode;
    const auto row = [](const char* name, Mode mode, QNetworkReply::NetworkError error, const char* code) {
        QTest::newRow(name) << static_cast<int>(mode) << static_cast<int>(error) << QString::fromLatin1(code);
    };
    row("direct, refused", Mode::None, QNetworkReply::ConnectionRefusedError, "upstream_unreachable");
    row("direct, unknown", Mode::None, QNetworkReply::UnknownNetworkError, "upstream_unreachable");
    row("system, proxy refused", Mode::System, QNetworkReply::ProxyConnectionRefusedError, "upstream_unreachable");
    row("HTTP proxy, refused", Mode::Http, QNetworkReply::ConnectionRefusedError, "proxy_unreachable");
    row("HTTP proxy, host not found", Mode::Http, QNetworkReply::HostNotFoundError, "proxy_unreachable");
    row("HTTP proxy, 407", Mode::Http, QNetworkReply::ProxyAuthenticationRequiredError, "proxy_authentication_failed");
    row("HTTP proxy, remote closed", Mode::Http, QNetworkReply::RemoteHostClosedError, "upstream_unreachable");
    row("SOCKS5, proxy refused", Mode::Socks5, QNetworkReply::UnknownNetworkError, "proxy_unreachable");
    row("SOCKS5, proxy closed", Mode::Socks5, QNetworkReply::ProxyConnectionClosedError, "proxy_unreachable");
    row("SOCKS5, proxy timeout", Mode::Socks5, QNetworkReply::ProxyTimeoutError, "proxy_unreachable");
    row("SOCKS5, target refused", Mode::Socks5, QNetworkReply::ConnectionRefusedError, "upstream_unreachable");
    row("SOCKS5, credentials", Mode::Socks5, QNetworkReply::ProxyAuthenticationRequiredError,
        "proxy_authentication_failed");
}

void TestUpstreamError::networkErrors()
{
    QFETCH(int, mode);
    QFETCH(int, error);
    QFETCH(QString, code);
    Endpoint ep;
    ep.proxyMode = static_cast<Endpoint::ProxyMode>(mode);
    ep.proxyHost = QStringLiteral("proxy.example");
    ep.proxyPort = 3128;
    const auto netError = static_cast<QNetworkReply::NetworkError>(error);
    const ApiError e = UpstreamError::fromNetworkError(netError, QStringLiteral("what Qt says"), ep);
    QCOMPARE(e.code, code);
    QCOMPARE(e.httpStatus, 502);
    QVERIFY2(e.message.contains(QStringLiteral("what Qt says")), qPrintable(e.message));
    if (code.startsWith(QLatin1String("proxy_")))
        QVERIFY2(e.message.contains(ep.proxyLabel()), qPrintable(e.message));
    QCOMPARE(UpstreamError::isRetryable(e), code != QLatin1String("proxy_authentication_failed"));
}

void TestUpstreamError::proxyMessagesHideCredentials()
{
    Endpoint ep;
    ep.proxyMode = Endpoint::ProxyMode::Socks5;
    ep.proxyHost = QStringLiteral("::1");
    ep.proxyPort = 1080;
    ep.proxyUser = QStringLiteral("someone");
    ep.proxyPassword = QStringLiteral("hunter2-secret");
    QCOMPARE(ep.proxyLabel(), QStringLiteral("SOCKS5 proxy [::1]:1080"));
    const ApiError e = UpstreamError::fromNetworkError(
        QNetworkReply::ProxyAuthenticationRequiredError, QStringLiteral("rejected hunter2-secret"), ep);
    QVERIFY2(!e.message.contains(ep.proxyPassword), qPrintable(e.message));
    QVERIFY2(!e.message.contains(ep.proxyUser), qPrintable(e.message));
    QVERIFY2(
        e.message.contains(QStringLiteral("refused FlareChat's proxy user name or password")), qPrintable(e.message));
    ep.proxyUser.clear();
    ep.proxyPassword.clear();
    const ApiError asked = UpstreamError::fromNetworkError(
        QNetworkReply::ProxyAuthenticationRequiredError, QStringLiteral("Proxy requires authentication"), ep);
    QVERIFY2(asked.message.contains(QStringLiteral("asks for a user name and password")), qPrintable(asked.message));
    const ApiError direct = UpstreamError::fromNetworkError(
        QNetworkReply::ConnectionRefusedError, QStringLiteral("Connection refused"), Endpoint());
    QCOMPARE(direct.code, QStringLiteral("upstream_unreachable"));
    ep.proxyMode = Endpoint::ProxyMode::None;
    QVERIFY(ep.proxyLabel().isEmpty());
}

QTEST_GUILESS_MAIN(TestUpstreamError)
#include "tst_upstreamerror.moc"
