#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <deque>

#include "HttpRequestReader.h"
#include "workersai/Endpoint.h"

class QTcpServer;

namespace flarechat::test {

class FakeConnection;
namespace detail {
struct ModelProfile;
}

// Token counts of a reply; total is their sum. (Outside the class only so that it can be a
// "= {}" default argument there.)
struct FakeUsage
{
    int promptTokens = 0;
    int completionTokens = 0;
    double neurons = -1; // written in the vLLM-era terminal frame only, when >= 0
    int cachedTokens = 0; // prompt_tokens_details.cached_tokens (part of promptTokens)
    int reasoningTokens = -1; // completion_tokens_details.reasoning_tokens, written when >= 0
    int total() const { return promptTokens + completionTokens; }
};

// A local stand-in for Cloudflare's API (api.cloudflare.com/client/v4 and the AI Gateway path
// layout), speaking the wire formats of shared/reference/cloudflare-api.md byte for byte, so
// code tested against it works against Cloudflare. Event driven on QTcpServer (no threads, no
// sleeps): use it from the thread that created it. See tests/support/README.md.
//
// Every inference request gets, in this order: the next script queued for its model, else the
// next script queued with enqueue(), else the default reply of its model family (after the auth,
// account and input checks Cloudflare would make). Scripts skip those checks: they answer as is.
class FakeWorkersAi : public QObject
{
    Q_OBJECT

public:
    // One scripted HTTP reply: the status line, headers and body pieces written one by one.
    struct Script
    {
        int status = 200; // HTTP status code
        QList<QPair<QByteArray, QByteArray>> headers; // extra headers; a Content-Length here replaces ours
        QByteArray contentType = "application/json"; // Content-Type, omitted if empty
        QList<QByteArray> chunks; // body, written as separate writes
        int firstByteDelayMs = 0; // wait before the status line and the first chunk
        int chunkDelayMs = 0; // wait between chunks
        bool hang = false; // read the request, never answer
        bool closeAfterChunks = false; // close the connection after the chunks, unfinished
        bool useChunkedEncoding = true; // Transfer-Encoding: chunked, else Content-Length
        QByteArray body() const { return chunks.join(); } // all chunks together
    };

    using Usage = FakeUsage;

    // A function call in a reply. Legacy replies write {name, arguments:object} (no id); OpenAI
    // replies write {id, type:"function", function:{name, arguments:string}}.
    struct ToolCall
    {
        QString id; // empty for legacy replies
        QString name;
        QJsonObject arguments;
    };

    // One request as the fake received it.
    struct ReceivedRequest
    {
        QByteArray method; // "POST"
        QString path; // percent-decoded path, "/client/v4/accounts/.../ai/run/@cf/..."
        QUrlQuery query; // the query string
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body; // raw body (de-chunked)
        QJsonObject json; // body parsed, empty if it is not a JSON object
        QString model; // "@cf/..." from the path or the body, empty for other routes
        QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
    };

    // How a model answers by default; derived from the model id, see setModelFamily().
    enum class Family {
        Legacy, // {"result":{"response","tool_calls","usage"}} / data: {"response","p"} events
        DeepSeekR1, // Legacy, text "reasoning\n</think>\n\nanswer" without the opening <think>
        NoStream, // gpt-oss, kimi: chat.completion for messages, JSON even when asked to stream
        Vllm, // glm, gemma-4, nemotron, qwen3*, qwq, deepseek-v4: chat.completion and OpenAI chunks with the usage tail
        Embedding, // bge-*, *embedding*: {"result":{"shape","data","pooling"}}
        Missing, // 400 / 5007 "No such model ... or task"
        Decision, // Clef: {state, questions} in, {model, answers, usage} out; chat bodies are a schema error
    };
    // Where a vLLM-era reply carries reasoning: message.X / delta.X (reference §2, §4.8).
    enum class ReasoningField { ReasoningContent, Reasoning };
    // The chat_template_kwargs key a model honours as its thinking switch.
    enum class ThinkingSwitch { None, Thinking, EnableThinking };
    // How a model's reasoning is switched (reference §4.8); see reasoningControl().
    struct ReasoningControl
    {
        bool reasons = false; // the model reasons at all
        ThinkingSwitch toggle = ThinkingSwitch::None; // honoured chat_template_kwargs key (others are ignored)
        bool toggleOnlyTrue = false; // the schema allows only true (kimi-k2.7-code): false is a 400
        QStringList efforts; // reasoning_effort values that turn reasoning on at that effort
        QStringList offEfforts; // values that turn it off ("none", "off"); then null turns it off too
        QStringList normalizedEfforts; // accepted and replaced by normalizeTo (glm-5.3-flash: none, minimal, ...)
        QString normalizeTo;
        QString defaultEffort; // the effort when reasoning without one being sent
        bool defaultOn = true; // reasons when nothing is sent
        bool mandatory = false; // cannot be turned off: switches are ignored (but still validated)
        ReasoningField field = ReasoningField::ReasoningContent;
        // No efforts, offEfforts or normalizedEfforts: reasoning_effort is ignored. Otherwise a
        // string outside all three lists (or a non-string, non-null value) is 400 / 8001.
    };
    // glm-5.3's sources conflict (reference §4.8): both variants, see setGlm53Reasoning().
    enum class Glm53Reasoning {
        ToggleDefaultOn, // chat_template_kwargs.enable_thinking, on by default, efforts low/medium/high
        MandatoryMax, // always reasons, efforts low/high/max, "off" normalised to "max"
    };
    // What a spent daily free allocation answers (reference §6, §7).
    enum class QuotaReply {
        Code3036, // 429 / 3036 (REST)
        Code4006, // 429 / 4006 (binding, same text)
        TextOnly, // 429, errors:[{"message": text}] without a code
    };
    // A model deprecated on a date (reference §4.7): after it, an alias answers as its target, the
    // others as an unknown model (setDeprecatedModelError()).
    struct Deprecation
    {
        QString model;
        QDate date; // from 00:00 UTC of this day
        QString replacement; // the recommended replacement, may be empty
        QString aliasOf; // non-empty: requests are served by this model instead
    };
    // What the fake did with one inference request it answered itself (not with a script); see
    // inferences(). Requests refused before the body was read (401, 404) are not in it.
    struct Inference
    {
        QString model; // as requested
        QString servedModel; // after an alias (kimi-k2.5 -> kimi-k2.6), else the same
        int status = 0; // HTTP status of the reply
        int code = 0; // Cloudflare error code, 0 for success (or an error without a code)
        bool reachedModel = false; // passed every check and was answered by the model
        bool reasoned = false; // the reply carries reasoning
        QString reasoningEffort; // the effective effort, empty when none applied
        QByteArray sessionAffinity; // the x-session-affinity header
        FakeUsage usage; // of the reply (cachedTokens from the prefix cache)
        double neurons = 0; // billed for this request (reference §7)
    };
    // How an OpenAI chunk stream ends before [DONE].
    enum class UsageTail {
        None, // no usage chunk (OpenAI without stream_options.include_usage)
        OpenAi, // {"choices":[],"usage":{real}}
        Cloudflare, // {"choices":[],"usage":{all zeros}} then {"response":"","usage":{real,"neurons"}} (§2)
    };
    enum class TokenKind { User, Account }; // which verify endpoint accepts the token
    enum class TokenStatus { Active, Disabled, Expired }; // verify's "status"; only Active may run models

    // Cloudflare's documented errors (reference §6), for error().
    enum class Error {
        Authentication, // 401 / 10000 "Authentication error"
        PaidOnly, // 403 / 5035 model needs Workers Paid
        AgreementNeeded, // 403 / 5016 model agreement not accepted
        AccountBlocked, // 403 / 3023
        NoSuchModel, // 400 / 5007 "No such model <detail> or task"
        InvalidModelName, // 404 / 3042
        MisspeltModel, // 400 / 7000
        BadRoute, // 404 / 7003 "Could not route to <detail>, perhaps your object identifier is invalid?"
        TooLarge, // 413 / 3006
        Timeout, // 408 / 3007
        Aborted, // 408 / 3008
        Capacity, // 429 / 3040 "Capacity temporarily exceeded, please try again." + Retry-After
        DailyQuota, // 429 / 3036 daily free allocation used up
        DailyQuota4006, // 429 / 4006 the same message under the code a third party saw
        InvalidInput, // 400 / 8001 "Invalid input"
        BadToolCallId, // 400 / 8001 "Tool call IDs should be alphanumeric strings with length 9"
        UnpairedToolCallId, // 400 / 8001 a tool message's tool_call_id matches no earlier tool call
        ContextLength, // 400 / 8001 vLLM's "This model's maximum context length is ..." (detail: the text)
        PrivateModel, // 403 / 5018 gated model, access not granted
        BadInput, // 400 / 5006 "AiError: Bad input: Error: oneOf at '/' not met"
        JsonModeFailed, // 400 / 5006 "JSON Mode couldn't be met"
        Internal, // 500 / 3043 envelope
        BadGateway, // 502, Cloudflare edge HTML page
        Unavailable, // 503, Cloudflare edge HTML page + Retry-After
        GatewayTimeout, // 504, Cloudflare edge HTML page
    };

    explicit FakeWorkersAi(QObject* parent = nullptr);
    ~FakeWorkersAi() override;

    // --- server -------------------------------------------------------------------------------
    bool listen(quint16 port = 0); // on 127.0.0.1; 0 = a free port
    quint16 port() const; // the port listened on, 0 before listen()
    QUrl baseUrl() const; // "http://127.0.0.1:PORT/client/v4"
    // A custom endpoint pointed at this server, with its account id and token, and no proxy.
    flarechat::Endpoint endpoint() const;
    QUrl gatewayUrl(const QString& gateway = QStringLiteral("default")) const; // ".../v1/ACCOUNT/GATEWAY/workers-ai"
    QString runPath(const QString& model) const; // "/client/v4/accounts/ACCOUNT/ai/run/MODEL"

    // --- identity -----------------------------------------------------------------------------
    QString accountId() const; // default "0123456789abcdef0123456789abcdef"
    void setAccountId(const QString& accountId);
    QByteArray apiToken() const; // default "fake-token-for-tests" (User, Active)
    void setApiToken(const QByteArray& token); // replaces the default token
    void addToken(const QByteArray& token, TokenKind kind, TokenStatus status = TokenStatus::Active);
    void removeToken(const QByteArray& token);
    QString tokenId(const QByteArray& token) const; // the 32-hex id verify reports for it

    // --- models -------------------------------------------------------------------------------
    static Family familyOf(const QString& modelId); // the built-in family of an id
    void setModelFamily(const QString& modelId, Family family); // override, e.g. Missing for 5007
    // Free plan: require_workers_paid models answer 403/5035 and the daily free allocation is
    // enforced (429). Default false: a paid account (no limit). setPaidPlan(true) is the upgrade.
    void setFreePlan(bool freePlan);
    void setPaidPlan(bool paidPlan); // = setFreePlan(!paidPlan)
    bool freePlan() const;
    void setPaidOnlyEmptyBody(const QString& modelId, bool empty = true); // 403 with an empty body instead of 5035
    void grantModelAccess(const QString& modelId, bool granted = true); // gated models answer 403/5018 until granted
    void setNoStreamReplyEmpty(bool empty); // NoStream + stream:true answers {"result":{}} (§2)
    QJsonArray catalog() const; // what models/search pages through (tests/support/fake_catalog.json + added)
    QJsonObject catalogModel(const QString& modelId) const; // the catalog item, empty if none
    void addCatalogModel(const QJsonObject& item); // appended to the catalog (replaces one of the same name)
    static QString extraModelId(); // a catalog model FlareChat's built-in list lacks
    int contextWindow(const QString& modelId) const; // the enforced window, 0 = none
    void setContextWindow(const QString& modelId, int tokens); // override the enforced window (0 = none)
    // Reasoning per model (reference §4.8): the built-in control, or the one set here.
    ReasoningControl reasoningControl(const QString& modelId) const;
    void setReasoningControl(const QString& modelId, const ReasoningControl& control);
    void setReasoningField(const QString& modelId, ReasoningField field); // for the UNCONFIRMED rows
    void setGlm53Reasoning(Glm53Reasoning variant); // default ToggleDefaultOn
    // Deprecations (reference §4.7) and the clock they are judged by.
    static QList<Deprecation> deprecations();
    void setDeprecatedModelError(Error error); // NoSuchModel (default, 5007), MisspeltModel (7000), InvalidModelName
    void setNow(const QDateTime& now); // the fake's clock, fixed; an invalid value = the real UTC time (default)
    QDateTime now() const; // in UTC

    // --- daily free allocation and prompt cache (reference §1, §7) ------------------------------
    void setDailyFreeNeurons(double neurons); // the allowance, default 10,000
    double dailyFreeNeurons() const;
    void setNeuronsUsedToday(double neurons); // preset today's (UTC, fake clock) spend of the account
    double neuronsUsedToday() const; // metered from every default reply, on any plan
    void setQuotaReply(QuotaReply reply); // default Code3036
    int modelRequests() const; // inference requests that reached a model (passed every check)
    // Neurons for a usage on a model, from the catalog prices: ((prompt - cached) x in + cached x
    // cached_in + completion x out) / 1e6, prices in neurons per M = $/M / 0.011 x 1000.
    double neuronsFor(const QString& modelId, const Usage& usage) const;
    void clearSessionCache(); // forget the prompt prefixes of every x-session-affinity id
    static int countTokens(const QString& text); // the fake's tokenizer, see README
    static int promptTokensFor(const QJsonObject& body); // estimated prompt tokens of a request body

    // --- default replies ----------------------------------------------------------------------
    void setTokenDelayMs(int ms); // between stream events; JSON replies wait ms * tokens
    void setFirstByteDelayMs(int ms); // before the first byte of every default reply
    void setMaxBodyBytes(qsizetype bytes); // larger requests get 413 / 3006 (default 10 MiB)
    static QString replyTextFor(const QJsonObject& body); // "You said: <last user text>" etc.
    static QStringList splitTokens(const QString& text); // how replies are cut into tokens

    // --- scripts ------------------------------------------------------------------------------
    void enqueue(const Script& script); // FIFO for the next inference requests
    void enqueueFor(const QString& modelId, const Script& script); // FIFO for that model only (first priority)
    void enqueueForPath(const QString& pathFragment, const Script& script); // any route whose path contains it
    int pendingScripts() const; // scripts not yet used, all queues
    void clearScripts();

    // --- recording ----------------------------------------------------------------------------
    QList<ReceivedRequest> requests() const; // every request received, in order
    ReceivedRequest lastRequest() const; // the latest, or an empty one
    QList<ReceivedRequest> runRequests() const; // only inference requests
    QList<Inference> inferences() const; // what the fake did with each inference it answered itself
    Inference lastInference() const; // the latest, or an empty one
    void clearRequests(); // requests and inferences
    int abortedByClient() const; // replies the client closed the connection on before they ended
    int openConnections() const; // TCP connections open now
    int acceptedConnections() const; // TCP connections accepted so far (keep-alive reuse shows here)
    int inFlightRequests() const; // inference requests received and not yet fully answered
    int maxConcurrentRequests() const; // peak of inFlightRequests()
    void resetCounters(); // aborted, accepted, modelRequests() and peak back to 0

    // --- reply builders (reference-exact bytes) -------------------------------------------------
    static Script json(int status, const QByteArray& body); // any JSON body, Content-Length framed
    static Script envelope(const QJsonValue& result); // {"result":...,"success":true,"errors":[],"messages":[]}
    static Script legacyJson(const QString& text, const Usage& usage = {}, const QList<ToolCall>& toolCalls = {});
    static Script legacyJsonValue(const QJsonValue& response, const Usage& usage = {}); // response as object/number
    static Script legacyStream(const QStringList& tokens, const Usage& usage = {}, bool withDone = true,
        bool crlf = false, bool padding = true, const QList<ToolCall>& toolCalls = {});
    static Script openAiJson(const QString& model, const QString& content, const QString& reasoning = {},
        const QList<ToolCall>& toolCalls = {}, const Usage& usage = {}, const QString& finishReason = {},
        bool inEnvelope = true, ReasoningField reasoningField = ReasoningField::ReasoningContent);
    static Script openAiStream(const QString& model, const QStringList& contentTokens,
        const QStringList& reasoningTokens = {}, const QList<ToolCall>& toolCalls = {}, const Usage& usage = {},
        const QString& finishReason = {}, UsageTail usageTail = UsageTail::Cloudflare, bool finalizationChunk = true,
        bool withDone = true, ReasoningField reasoningField = ReasoningField::ReasoningContent);
    static Script responsesJson(const QString& model, const QString& text, const QString& reasoning = {},
        const QList<ToolCall>& toolCalls = {}, const Usage& usage = {}, bool inEnvelope = true);
    static Script errorEnvelope(int httpStatus, int code, const QString& message, int retryAfterSeconds = -1);
    static Script error(Error kind, const QString& detail = {}, int retryAfterSeconds = -1);
    static Script sse(const QList<QByteArray>& dataPayloads, bool withDone = true, bool crlf = false); // "data: X"
    static Script malformedEventStream(); // a good token, `data: {not json`, a good token, [DONE]
    // Legacy events, then the server closes mid-body. Chunked (default): Qt reports NoError or
    // RemoteHostClosedError depending on timing; only [DONE] is surely missing. asNetworkError:
    // Content-Length promises more, so HTTP clients always see a premature close.
    static Script cutStream(const QStringList& tokens, bool asNetworkError = false);
    static Script paddingOnlyStream(const QStringList& tokens); // tokens between {"p":...}-only events
    static Script numericResponseStream(); // {"response":42} as Llama 4 sometimes sends
    static Script hangingReply(); // never answers
    static Script splitEvery(Script script, int bytes); // the same body re-cut into writes of `bytes`
    static Script splitAt(Script script, const QList<int>& offsets); // re-cut at these body offsets
    static Script withDelays(Script script, int firstByteDelayMs, int chunkDelayMs);
    // {"prompt_tokens":..,"completion_tokens":..,"total_tokens":..}
    static QByteArray legacyUsageJson(const Usage& usage);

Q_SIGNALS:
    void requestReceived(const flarechat::test::FakeWorkersAi::ReceivedRequest& request); // head and body read
    void replyFinished(const QString& path); // the last byte of a reply was written
    void clientDisconnected(); // a client closed its connection before its reply ended

private:
    friend class FakeConnection;
    struct TokenInfo
    {
        TokenKind kind = TokenKind::User;
        TokenStatus status = TokenStatus::Active;
        QString id;
    };
    struct PrefixEntry // the last request of one x-session-affinity id
    {
        QString model;
        QList<QByteArray> messages; // the raw JSON of each message
        QList<int> tokens; // the prompt tokens of each message
    };
    struct Routed; // a request after routing, see FakeWorkersAiRouting.cpp
    enum class RunMode { Native, ChatCompletions, Responses, Embeddings };

    void onNewConnection();
    void connectionGone(FakeConnection* connection);
    void requestStarted(bool inference);
    void requestEnded(bool inference, bool aborted, const QString& path);
    // FakeWorkersAiModels.cpp: the built-in profile with this fake's overrides applied
    detail::ModelProfile profileOf(const QString& modelId) const;
    // FakeWorkersAiRouting.cpp
    Script handleRaw(const HttpRequestReader::Request& raw, bool* isInference, QString* path);
    bool takeScript(const QString& model, const QString& path, bool inference, Script* out);
    // FakeWorkersAiVerify.cpp
    Script handleVerify(const ReceivedRequest& request, TokenKind endpoint);
    // FakeWorkersAiCatalog.cpp
    void loadCatalog();
    Script handleSearch(const ReceivedRequest& request);
    QJsonValue catalogProperty(const QString& modelId, const QString& propertyId) const;
    bool catalogFlag(const QString& modelId, const QString& propertyId) const; // property value "true"
    double catalogPrice(const QString& modelId, const QString& unit) const; // USD per M, -1 if none
    // FakeWorkersAiRun.cpp
    Script handleRun(const ReceivedRequest& request, const QString& model, RunMode mode, Inference* record);
    Script handleEmbeddings(const QJsonObject& body, const QString& model, RunMode mode, int dim, Inference* record);
    Script handleDecision(const QJsonObject& body, const QString& model, Inference* record);
    Script generate(const ReceivedRequest& request, const QJsonObject& body, const QString& model,
        const detail::ModelProfile& profile, RunMode mode, Inference* record);
    Script deprecatedModel(const QString& model) const;
    // FakeWorkersAiMetering.cpp
    QDate today() const;
    bool allocationSpent() const;
    Script quotaExceeded() const;
    double bill(const QString& modelId, const Usage& usage); // adds to today's spend, returns the neurons
    int cachedPrefixTokens(const QByteArray& affinity, const QString& model, const QList<QByteArray>& messages,
        const QList<int>& tokens) const;
    void rememberPrefix(
        const QByteArray& affinity, const QString& model, const QList<QByteArray>& messages, const QList<int>& tokens);

    QTcpServer* m_server = nullptr;
    QList<FakeConnection*> m_connections;
    QString m_accountId;
    QByteArray m_apiToken;
    QHash<QByteArray, TokenInfo> m_tokens;
    QHash<QString, Family> m_familyOverrides;
    QHash<QString, ReasoningControl> m_reasoningOverrides;
    QHash<QString, int> m_contextOverrides;
    QHash<QString, bool> m_emptyPaidOnly;
    QHash<QString, bool> m_grantedAccess;
    QJsonArray m_catalog;
    bool m_freePlan = false;
    bool m_noStreamEmpty = false;
    Glm53Reasoning m_glm53 = Glm53Reasoning::ToggleDefaultOn;
    Error m_deprecatedError = Error::NoSuchModel;
    QDateTime m_now; // invalid: the real clock
    double m_dailyFreeNeurons = 10000;
    QHash<QString, QPair<QDate, double>> m_spent; // per account: the UTC day and its neurons
    QuotaReply m_quotaReply = QuotaReply::Code3036;
    QHash<QByteArray, PrefixEntry> m_prefixes; // per x-session-affinity id
    int m_tokenDelayMs = 0;
    int m_firstByteDelayMs = 0;
    qsizetype m_maxBodyBytes = 10 * 1024 * 1024;
    std::deque<Script> m_queue;
    QHash<QString, std::deque<Script>> m_modelQueues;
    QList<QPair<QString, Script>> m_pathQueue;
    QList<ReceivedRequest> m_requests;
    QList<Inference> m_inferences;
    int m_modelRequests = 0;
    int m_aborted = 0;
    int m_accepted = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

} // namespace flarechat::test

Q_DECLARE_METATYPE(flarechat::test::FakeWorkersAi::ReceivedRequest)
