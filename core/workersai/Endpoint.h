#pragma once

#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QString>
#include <QUrl>

namespace flarechat {

// Where and how FlareChat reaches Workers AI: directly, through an AI Gateway, or through a
// custom base URL (a self-hosted relay, or the fake server in tests), with credentials and proxy.
struct Endpoint
{
    enum class Kind { Direct, Gateway, Custom };
    enum class ProxyMode { System, None, Http, Socks5 };

    Kind kind = Kind::Direct;
    QString accountId;
    QString apiToken; // never logged

    // AI Gateway
    QString gatewayId;
    QUrl gatewayBase = defaultGatewayBase(); // https://gateway.ai.cloudflare.com/v1
    QString gatewayToken; // cf-aig-authorization, for authenticated gateways; never logged
    int gatewayCacheTtl = 0; // seconds, 0 = gateway default
    bool gatewaySkipCache = false;

    // Custom: replaces https://api.cloudflare.com/client/v4 (same path layout below it).
    QUrl customBase;

    ProxyMode proxyMode = ProxyMode::System;
    QString proxyHost;
    quint16 proxyPort = 0;
    QString proxyUser;
    QString proxyPassword;

    static QUrl defaultApiBase() { return QUrl(QStringLiteral("https://api.cloudflare.com/client/v4")); }
    static QUrl defaultGatewayBase() { return QUrl(QStringLiteral("https://gateway.ai.cloudflare.com/v1")); }

    bool hasCredentials() const { return !accountId.isEmpty() && !apiToken.isEmpty(); }

    // The rules for what a user enters, decided here once: the settings window and the
    // credentials from the command line or environment both ask, each in its own words.
    enum class Problem {
        None,
        BaseUrlNotHttp, // not an http:// or https:// URL with a host (plain http: tests and relays)
        BaseUrlHasUserInfo, // a user name or password in the URL; the API token is sent instead
        GatewayIdMissing, // an AI Gateway needs its id
    };
    static Problem checkBaseUrl(const QString& text); // strict parsing, as typed (trimmed)
    static Problem checkGatewayId(const QString& text);
    // The base of the REST API (models search, token verify): the custom base or Cloudflare's.
    QUrl apiBase() const;
    QUrl runUrl(const QString& model) const;
    // Workers AI's OpenAI-compatible endpoints (…/ai/v1/<path>), e.g. "embeddings".
    QUrl openAiUrl(const QString& path) const;
    QUrl modelsSearchUrl(const QString& task, int page, int perPage) const;
    QUrl userTokenVerifyUrl() const;
    QUrl accountTokenVerifyUrl() const;

    // A request with the Bearer token and, for a gateway, its cf-aig-* headers.
    QNetworkRequest request(const QUrl& url) const;
    QNetworkProxy proxy() const; // for ProxyMode other than System
    // "HTTP proxy host:port" or "SOCKS5 proxy host:port" for messages, empty for System and None.
    // Never the proxy's user name or password.
    QString proxyLabel() const;
};

} // namespace flarechat
