#pragma once

#include "openai/ApiError.h"
#include "workersai/Endpoint.h"
#include "workersai/UpstreamCall.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace flarechat {

class WorkersAiClient;

// "Test connection": proves the account id and API token work, and explains each failure in
// words a user can act on. Cloudflare's verify endpoint only proves the token exists, so the
// check goes: user-token verify → account-token verify (account-owned tokens) → a one-token
// inference, which alone proves Workers AI permission and the account id.
class TokenCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenCheck)

public:
    enum class Step { UserVerify, AccountVerify, Inference, Done };
    enum class Outcome {
        Ok,
        OkQuotaUsedUp, // the credentials work; today's free allocation is spent
        MissingCredentials,
        TokenInvalid, // Cloudflare does not know the token
        TokenInactive, // disabled or expired
        NoPermission, // the token cannot use Workers AI
        AccountWrong, // the account id does not match
        Unreachable, // network, proxy, TLS
        Failed, // anything else: see message
    };
    struct Result
    {
        Outcome outcome = Outcome::Failed;
        Step failedAt = Step::Done;
        QString message; // for the user: what is wrong and what to do
        QString detail; // Cloudflare's own words, if any
        QString tokenKind; // "user" or "account" once verified
        bool ok() const { return outcome == Outcome::Ok || outcome == Outcome::OkQuotaUsedUp; }
    };

    // probeModel: a small, cheap model for the one-token inference.
    TokenCheck(WorkersAiClient* client,
        const QString& probeModel = QStringLiteral("@cf/meta/llama-3.1-8b-instruct-fast"), QObject* parent = nullptr);
    ~TokenCheck() override;

    void start();
    void cancel();
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void progress(flarechat::TokenCheck::Step step);
    void finished(const flarechat::TokenCheck::Result& result);

private:
    void get(const QUrl& url, Step step);
    void onReply(const UpstreamCall::Reply& reply);
    void finish(Outcome outcome, const QString& message, const QString& detail = {});

    QPointer<WorkersAiClient> m_client;
    Endpoint m_endpoint;
    QString m_probeModel;
    Step m_step = Step::UserVerify;
    UpstreamCall m_call;
    int m_timeoutMs = 20000;
    QString m_tokenKind;
    bool m_done = false;
};

} // namespace flarechat

Q_DECLARE_METATYPE(flarechat::TokenCheck::Result)
