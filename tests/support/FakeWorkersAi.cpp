#include "FakeWorkersAi.h"

#include "FakeWorkersAiWire.h"
#include "HttpRequestReader.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <cmath>
#include <utility>

namespace flarechat::test {

using namespace wire;

// ---------------------------------------------------------------------------------------------
// One TCP connection: reads requests one after another (keep-alive, pipelining buffered) and
// plays one Script per request. Everything is driven by socket signals and single-shot timers.
class FakeConnection : public QObject
{
public:
    FakeConnection(FakeWorkersAi* server, QTcpSocket* socket, qsizetype maxBody)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
        , m_reader(64 * 1024, maxBody)
    {
        socket->setParent(this);
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        QObject::connect(socket, &QTcpSocket::disconnected, this, [this] { onDisconnected(); });
    }

    // Closes without reporting anything: the server is going away.
    void shutdown()
    {
        m_gone = true;
        m_socket->disconnect(this);
        m_socket->abort();
    }

    void start() { onReadyRead(); }

private:
    void onReadyRead()
    {
        if (m_gone)
            return;
        const QByteArray bytes = m_socket->readAll();
        if (m_busy) {
            // One request at a time: later pipelined requests wait for this reply to end.
            m_pending += bytes;
            return;
        }
        feed(bytes);
    }

    void feed(const QByteArray& bytes)
    {
        const HttpRequestReader::State state = m_reader.feed(bytes);
        if (state == HttpRequestReader::State::Error) {
            replyToMalformed();
            return;
        }
        if (state == HttpRequestReader::State::Incomplete) {
            if (m_reader.expectsContinue() && !m_continueSent) {
                m_continueSent = true;
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            return;
        }
        m_continueSent = false;
        HttpRequestReader::Request request = m_reader.takeRequest();
        m_keepAlive = request.keepAlive;
        m_busy = true;
        // handle() may emit signals into test code; a test could delete the server from there.
        QPointer<FakeConnection> self(this);
        bool inference = false;
        QString path;
        FakeWorkersAi::Script script = m_server->handleRaw(request, &inference, &path);
        if (!self || m_gone)
            return;
        m_inference = inference;
        m_path = path;
        m_counted = true;
        play(script);
    }

    void replyToMalformed()
    {
        const int status = m_reader.errorStatus();
        FakeWorkersAi::Script s;
        if (status == 413) {
            s = FakeWorkersAi::error(FakeWorkersAi::Error::TooLarge);
        } else {
            s.status = status;
            s.contentType = "text/plain";
            s.chunks = {m_reader.errorText() + '\n'};
            s.useChunkedEncoding = false;
        }
        m_keepAlive = false;
        m_busy = true;
        m_inference = false;
        m_path.clear();
        m_counted = false;
        play(s);
    }

    void play(const FakeWorkersAi::Script& script)
    {
        m_script = script;
        m_next = 0;
        m_paceClock.invalidate();
        if (m_script.hang)
            return; // stays busy until the client gives up
        if (m_script.firstByteDelayMs > 0)
            QTimer::singleShot(m_script.firstByteDelayMs, this, [this] { writeHead(); });
        else
            writeHead();
    }

    bool hasCustomHeader(const QByteArray& lowerName) const
    {
        for (const auto& h : m_script.headers) {
            if (h.first.toLower() == lowerName)
                return true;
        }
        return false;
    }

    void writeHead()
    {
        if (m_gone)
            return;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(m_script.status) + ' ' + reason(m_script.status) + "\r\n";
        head += "Date: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
        if (!m_script.contentType.isEmpty() && !hasCustomHeader("content-type"))
            head += "Content-Type: " + m_script.contentType + "\r\n";
        const bool close = !m_keepAlive || m_script.closeAfterChunks;
        if (!hasCustomHeader("content-length") && !hasCustomHeader("transfer-encoding")) {
            if (m_script.useChunkedEncoding)
                head += "Transfer-Encoding: chunked\r\n";
            else if (!m_script.closeAfterChunks) // else the body runs to the close
                head += "Content-Length: " + QByteArray::number(m_script.body().size()) + "\r\n";
        }
        if (!hasCustomHeader("connection"))
            head += QByteArray("Connection: ") + (close ? "close" : "keep-alive") + "\r\n";
        head += "Server: cloudflare\r\n";
        head += "CF-RAY: " + hex(16) + "-FAKE\r\n";
        for (const auto& h : std::as_const(m_script.headers))
            head += h.first + ": " + h.second + "\r\n";
        head += "\r\n";
        m_socket->write(head);
        writeChunks();
    }

    void writeChunks()
    {
        while (!m_gone && m_next < m_script.chunks.size()) {
            const QByteArray& piece = m_script.chunks.at(m_next++);
            if (!piece.isEmpty()) { // an empty HTTP chunk would end the body
                if (m_script.useChunkedEncoding && !hasCustomHeader("content-length"))
                    m_socket->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
                else
                    m_socket->write(piece);
            }
            if (m_next < m_script.chunks.size() && m_script.chunkDelayMs > 0) {
                m_socket->flush();
                // Paced like a model: chunk n is due n delays after the first, however late this
                // process got to the previous one (a busy client must not slow the model down).
                if (!m_paceClock.isValid())
                    m_paceClock.start();
                const qint64 due = qint64(m_next) * m_script.chunkDelayMs - m_paceClock.elapsed();
                QTimer::singleShot(
                    static_cast<int>(qMax<qint64>(0, due)), Qt::PreciseTimer, this, [this] { writeChunks(); });
                return;
            }
        }
        if (m_gone)
            return;
        if (m_script.closeAfterChunks) {
            endReply();
            closeOurselves();
            return;
        }
        if (m_script.useChunkedEncoding && !hasCustomHeader("content-length"))
            m_socket->write("0\r\n\r\n");
        endReply();
        if (!m_keepAlive) {
            closeOurselves();
            return;
        }
        if (!m_pending.isEmpty() || m_reader.hasBufferedBytes()) {
            const QByteArray pending = std::exchange(m_pending, QByteArray());
            // Later requests on this connection are served from the event loop, not recursively.
            QTimer::singleShot(0, this, [this, pending] {
                if (!m_gone && !m_busy)
                    feed(pending);
            });
        }
    }

    void endReply()
    {
        m_busy = false;
        if (m_counted) {
            m_counted = false;
            m_server->requestEnded(m_inference, false, m_path);
        }
    }

    void closeOurselves()
    {
        m_closing = true;
        m_socket->disconnectFromHost();
    }

    void onDisconnected()
    {
        if (m_gone)
            return;
        m_gone = true;
        if (m_busy && m_counted && !m_closing) {
            m_counted = false;
            m_server->requestEnded(m_inference, true, m_path);
        }
        m_server->connectionGone(this);
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Status";
        }
    }

    FakeWorkersAi* m_server;
    QTcpSocket* m_socket;
    HttpRequestReader m_reader;
    QByteArray m_pending;
    FakeWorkersAi::Script m_script;
    QString m_path;
    int m_next = 0;
    QElapsedTimer m_paceClock; // since the first chunk of the current reply
    bool m_busy = false;
    bool m_inference = false;
    bool m_counted = false; // requestEnded() still owed for the current request
    bool m_keepAlive = true;
    bool m_closing = false;
    bool m_gone = false;
    bool m_continueSent = false;
};

// ---------------------------------------------------------------------------------------------
// Model traits the default replies and input checks depend on. Hard-coded from the reference
// (not read from FlareChat's catalog) so a mistake in the catalog shows up as a test failure.

namespace {

struct Traits
{
    FakeWorkersAi::Family family = FakeWorkersAi::Family::Legacy;
    bool vision = false; // image_url parts with data: URIs
    bool stringOnly = false; // content must be a string
    bool strictIds = false; // tool_call_id must be [a-zA-Z0-9]{9}
    bool reasoning = false; // emits reasoning (field or think text)
    bool paidOnly = false; // Workers Paid only
    bool rejectsAny = false; // tool_choice "any" -> 8001
    bool responsesForm = false; // accepts the Responses `input` form
    int defaultMaxTokens = 256;
    int embeddingDim = 0;
};

Traits traitsOf(const QString& id, FakeWorkersAi::Family family)
{
    using F = FakeWorkersAi::Family;
    Traits t;
    t.family = family;
    auto has = [&](const char* s) { return id.contains(QLatin1String(s)); };
    if (has("deepseek-r1")) {
        t.reasoning = true;
    } else if (has("gpt-oss")) {
        t.reasoning = true;
        t.responsesForm = true;
    } else if (has("kimi")) {
        t.reasoning = true;
        t.paidOnly = true;
        t.rejectsAny = true;
    } else if (has("glm-")) {
        t.reasoning = true;
        t.rejectsAny = true;
    } else if (has("qwen3-")) {
        t.reasoning = true;
        t.defaultMaxTokens = 2000;
    } else if (has("gemma-4")) {
        t.vision = true;
    } else if (has("llama-4-scout")) {
        t.vision = true;
        t.strictIds = true;
        t.rejectsAny = true;
    } else if (has("mistral-small-3.1")) {
        t.vision = true;
        t.strictIds = true;
    } else if (has("gemma-3")) {
        t.vision = true;
    } else if (has("qwen2.5-coder") || has("llama-3.3") || has("llama-3.1") || has("llama-3-")) {
        t.stringOnly = true;
    } else if (has("bge-")) {
        t.embeddingDim = has("bge-small") ? 384 : has("bge-base") ? 768 : 1024;
    }
    if (family == F::Embedding && t.embeddingDim == 0)
        t.embeddingDim = 768;
    return t;
}

QString textOf(const QJsonValue& content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    const QJsonArray array = content.toArray();
    for (const QJsonValue& p : array) {
        const QJsonObject part = p.toObject();
        if (part.value(QLatin1String("text")).isString())
            parts.append(part.value(QLatin1String("text")).toString());
    }
    return parts.join(QLatin1Char(' '));
}

int wordCount(const QString& s)
{
    return int(s.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts).size());
}

// A value that satisfies a (simple) JSON Schema: what the default tool calls and JSON-mode
// replies contain. Strings carry the user's text so tests can see it went through.
QJsonValue sampleFor(const QJsonObject& schema, const QString& text, int depth = 0)
{
    if (depth > 6)
        return QJsonValue();
    const QJsonArray enumValues = schema.value(QLatin1String("enum")).toArray();
    if (!enumValues.isEmpty())
        return enumValues.first();
    QString type = schema.value(QLatin1String("type")).toString();
    if (type.isEmpty() && schema.contains(QLatin1String("properties")))
        type = QStringLiteral("object");
    if (type == QLatin1String("string"))
        return text;
    if (type == QLatin1String("integer") || type == QLatin1String("number"))
        return 42;
    if (type == QLatin1String("boolean"))
        return true;
    if (type == QLatin1String("array"))
        return QJsonArray {sampleFor(schema.value(QLatin1String("items")).toObject(), text, depth + 1)};
    if (type == QLatin1String("object")) {
        QJsonObject out;
        const QJsonObject props = schema.value(QLatin1String("properties")).toObject();
        for (auto it = props.begin(); it != props.end(); ++it)
            out.insert(it.key(), sampleFor(it.value().toObject(), text, depth + 1));
        return out;
    }
    return QJsonValue();
}

} // namespace

// ---------------------------------------------------------------------------------------------

FakeWorkersAi::FakeWorkersAi(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_accountId(QStringLiteral("0123456789abcdef0123456789abcdef"))
    , m_apiToken("fake-token-for-tests")
{
    qRegisterMetaType<FakeWorkersAi::ReceivedRequest>();
    m_tokens.insert(m_apiToken, TokenInfo {TokenKind::User, TokenStatus::Active, QString()});
    QObject::connect(m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(); });
    loadCatalog();
}

FakeWorkersAi::~FakeWorkersAi()
{
    m_server->close();
    const QList<FakeConnection*> connections = std::exchange(m_connections, {});
    for (FakeConnection* c : connections) {
        c->shutdown();
        delete c;
    }
}

bool FakeWorkersAi::listen(quint16 port)
{
    // Tests open dozens of connections at once. With the kernel's listen backlog at Qt's default
    // of 50, the rest of a burst of SYNs is dropped and retried a second later.
    m_server->setListenBacklogSize(1024);
    m_server->setMaxPendingConnections(1024);
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 FakeWorkersAi::port() const
{
    return m_server->isListening() ? m_server->serverPort() : 0;
}

QUrl FakeWorkersAi::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(port()));
}

flarechat::Endpoint FakeWorkersAi::endpoint() const
{
    flarechat::Endpoint e;
    e.kind = flarechat::Endpoint::Kind::Custom;
    e.customBase = baseUrl();
    e.accountId = accountId();
    e.apiToken = QString::fromLatin1(apiToken());
    e.proxyMode = flarechat::Endpoint::ProxyMode::None; // tests never go through a system proxy
    return e;
}

QUrl FakeWorkersAi::gatewayUrl(const QString& gateway) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1/%2/%3/workers-ai").arg(port()).arg(m_accountId, gateway));
}

QString FakeWorkersAi::runPath(const QString& model) const
{
    return QStringLiteral("/client/v4/accounts/%1/ai/run/%2").arg(m_accountId, model);
}

QString FakeWorkersAi::accountId() const
{
    return m_accountId;
}
void FakeWorkersAi::setAccountId(const QString& accountId)
{
    m_accountId = accountId;
}
QByteArray FakeWorkersAi::apiToken() const
{
    return m_apiToken;
}

void FakeWorkersAi::setApiToken(const QByteArray& token)
{
    m_tokens.remove(m_apiToken);
    m_apiToken = token;
    m_tokens.insert(token, TokenInfo {TokenKind::User, TokenStatus::Active, QString()});
}

void FakeWorkersAi::addToken(const QByteArray& token, TokenKind kind, TokenStatus status)
{
    m_tokens.insert(token, TokenInfo {kind, status, QString()});
}

void FakeWorkersAi::removeToken(const QByteArray& token)
{
    m_tokens.remove(token);
}

QString FakeWorkersAi::tokenId(const QByteArray& token) const
{
    // Stable per token, 32 hex digits like Cloudflare's token ids.
    return QString::fromLatin1(QCryptographicHash::hash("token:" + token, QCryptographicHash::Md5).toHex());
}

FakeWorkersAi::Family FakeWorkersAi::familyOf(const QString& id)
{
    if (!id.startsWith(QLatin1String("@cf/")) && !id.startsWith(QLatin1String("@hf/")))
        return Family::Missing;
    if (id.contains(QLatin1String("deepseek-r1")))
        return Family::DeepSeekR1;
    if (id.contains(QLatin1String("gpt-oss")) || id.contains(QLatin1String("kimi")))
        return Family::NoStream;
    if (id.contains(QLatin1String("glm-")) || id.contains(QLatin1String("qwen3-"))
        || id.contains(QLatin1String("gemma-4")))
        return Family::Vllm;
    if (id.contains(QLatin1String("/baai/bge-")))
        return Family::Embedding;
    return Family::Legacy;
}

void FakeWorkersAi::setModelFamily(const QString& modelId, Family family)
{
    m_familyOverrides.insert(modelId, family);
}
void FakeWorkersAi::setFreePlan(bool freePlan)
{
    m_freePlan = freePlan;
}
void FakeWorkersAi::setNoStreamReplyEmpty(bool empty)
{
    m_noStreamEmpty = empty;
}
QJsonArray FakeWorkersAi::catalog() const
{
    return m_catalog;
}
void FakeWorkersAi::addCatalogModel(const QJsonObject& item)
{
    m_catalog.append(item);
}
QString FakeWorkersAi::extraModelId()
{
    return QStringLiteral("@cf/fakelab/parrot-13b-instruct");
}

void FakeWorkersAi::setTokenDelayMs(int ms)
{
    m_tokenDelayMs = qMax(0, ms);
}
void FakeWorkersAi::setFirstByteDelayMs(int ms)
{
    m_firstByteDelayMs = qMax(0, ms);
}
void FakeWorkersAi::setMaxBodyBytes(qsizetype bytes)
{
    m_maxBodyBytes = bytes;
}

void FakeWorkersAi::enqueue(const Script& script)
{
    m_queue.push_back(script);
}
void FakeWorkersAi::enqueueFor(const QString& modelId, const Script& script)
{
    m_modelQueues[modelId].push_back(script);
}
void FakeWorkersAi::enqueueForPath(const QString& pathFragment, const Script& script)
{
    m_pathQueue.append({pathFragment, script});
}

int FakeWorkersAi::pendingScripts() const
{
    qsizetype n = qsizetype(m_queue.size()) + m_pathQueue.size();
    for (auto it = m_modelQueues.begin(); it != m_modelQueues.end(); ++it)
        n += qsizetype(it.value().size());
    return int(n);
}

void FakeWorkersAi::clearScripts()
{
    m_queue.clear();
    m_modelQueues.clear();
    m_pathQueue.clear();
}

QList<FakeWorkersAi::ReceivedRequest> FakeWorkersAi::requests() const
{
    return m_requests;
}
FakeWorkersAi::ReceivedRequest FakeWorkersAi::lastRequest() const
{
    return m_requests.isEmpty() ? ReceivedRequest() : m_requests.constLast();
}

QList<FakeWorkersAi::ReceivedRequest> FakeWorkersAi::runRequests() const
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest& r : m_requests) {
        if (!r.model.isEmpty())
            out.append(r);
    }
    return out;
}

void FakeWorkersAi::clearRequests()
{
    m_requests.clear();
}
int FakeWorkersAi::abortedByClient() const
{
    return m_aborted;
}
int FakeWorkersAi::openConnections() const
{
    return int(m_connections.size());
}
int FakeWorkersAi::acceptedConnections() const
{
    return m_accepted;
}
int FakeWorkersAi::inFlightRequests() const
{
    return m_inFlight;
}
int FakeWorkersAi::maxConcurrentRequests() const
{
    return m_maxInFlight;
}

void FakeWorkersAi::resetCounters()
{
    m_aborted = 0;
    m_accepted = 0;
    m_maxInFlight = m_inFlight;
}

void FakeWorkersAi::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        ++m_accepted;
        auto* c = new FakeConnection(this, socket, m_maxBodyBytes);
        m_connections.append(c);
        c->start(); // bytes may already be waiting
    }
}

void FakeWorkersAi::connectionGone(FakeConnection* connection)
{
    m_connections.removeOne(connection);
    connection->deleteLater();
}

void FakeWorkersAi::requestStarted(bool inference)
{
    if (!inference)
        return;
    ++m_inFlight;
    m_maxInFlight = qMax(m_maxInFlight, m_inFlight);
}

void FakeWorkersAi::requestEnded(bool inference, bool aborted, const QString& path)
{
    if (inference)
        --m_inFlight;
    if (aborted) {
        ++m_aborted;
        Q_EMIT clientDisconnected();
    } else {
        Q_EMIT replyFinished(path);
    }
}

bool FakeWorkersAi::takeScript(const QString& model, const QString& path, bool inference, Script* out)
{
    for (int i = 0; i < m_pathQueue.size(); ++i) {
        if (path.contains(m_pathQueue.at(i).first)) {
            *out = m_pathQueue.takeAt(i).second;
            return true;
        }
    }
    if (!inference)
        return false;
    auto it = m_modelQueues.find(model);
    if (it != m_modelQueues.end() && !it.value().empty()) {
        *out = it.value().front();
        it.value().pop_front();
        return true;
    }
    if (!m_queue.empty()) {
        *out = m_queue.front();
        m_queue.pop_front();
        return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Routing

struct FakeWorkersAi::Routed
{
    enum Kind { None, Run, ChatCompletions, Responses, Embeddings, Search, VerifyUser, VerifyAccount } kind = None;
    QString account; // from the path, empty for /user routes
    QString model;
    bool gateway = false;
};

FakeWorkersAi::Script FakeWorkersAi::handleRaw(
    const HttpRequestReader::Request& raw, bool* isInference, QString* pathOut)
{
    ReceivedRequest req;
    req.method = raw.method;
    req.headers = raw.headers;
    req.body = raw.body;
    const qsizetype q = raw.target.indexOf('?');
    const QByteArray rawPath = q >= 0 ? raw.target.left(q) : raw.target;
    req.path = QUrl::fromPercentEncoding(rawPath);
    if (q >= 0)
        req.query = QUrlQuery(QString::fromUtf8(raw.target.mid(q + 1)));
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(raw.body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject())
        req.json = doc.object();

    Routed r;
    const bool post = req.method == "POST";
    const bool get = req.method == "GET";
    const QString& path = req.path;
    if (path.startsWith(QLatin1String("/client/v4/"))) {
        const QString rest = path.mid(11);
        if (rest == QLatin1String("user/tokens/verify") && get) {
            r.kind = Routed::VerifyUser;
        } else if (rest.startsWith(QLatin1String("accounts/"))) {
            const qsizetype slash = rest.indexOf(QLatin1Char('/'), 9);
            r.account = rest.mid(9, slash < 0 ? -1 : slash - 9);
            const QString sub = slash < 0 ? QString() : rest.mid(slash + 1);
            if (sub.startsWith(QLatin1String("ai/run/")) && post) {
                r.kind = Routed::Run;
                r.model = sub.mid(7);
            } else if (sub == QLatin1String("ai/v1/chat/completions") && post) {
                r.kind = Routed::ChatCompletions;
            } else if (sub == QLatin1String("ai/v1/responses") && post) {
                r.kind = Routed::Responses;
            } else if (sub == QLatin1String("ai/v1/embeddings") && post) {
                r.kind = Routed::Embeddings;
            } else if (sub == QLatin1String("ai/models/search") && get) {
                r.kind = Routed::Search;
            } else if (sub == QLatin1String("tokens/verify") && get) {
                r.kind = Routed::VerifyAccount;
            }
        }
    } else if (path.startsWith(QLatin1String("/v1/"))) {
        // AI Gateway: /v1/{account}/{gateway}/workers-ai/{run/}{model} or .../workers-ai/v1/chat/completions
        const QStringList parts = path.mid(4).split(QLatin1Char('/'));
        if (parts.size() >= 4 && parts.at(2) == QLatin1String("workers-ai") && post) {
            r.gateway = true;
            r.account = parts.at(0);
            const QString rest = parts.mid(3).join(QLatin1Char('/'));
            if (rest == QLatin1String("v1/chat/completions")) {
                r.kind = Routed::ChatCompletions;
            } else if (rest.startsWith(QLatin1String("run/"))) {
                r.kind = Routed::Run;
                r.model = rest.mid(4);
            } else if (rest.startsWith(QLatin1Char('@'))) {
                r.kind = Routed::Run;
                r.model = rest;
            }
        }
    }
    const bool inference = r.kind == Routed::Run || r.kind == Routed::ChatCompletions || r.kind == Routed::Responses
        || r.kind == Routed::Embeddings;
    if (inference && r.model.isEmpty())
        r.model = req.json.value(QLatin1String("model")).toString();
    req.model = inference ? r.model : QString();

    *isInference = inference;
    *pathOut = req.path;
    m_requests.append(req);
    requestStarted(inference);
    Q_EMIT requestReceived(req);

    Script scripted;
    if (takeScript(r.model, req.path, inference, &scripted))
        return scripted;

    if (r.kind == Routed::None)
        return errorEnvelope(404, 7000, QStringLiteral("No route for that URI"));
    if (r.kind == Routed::VerifyUser)
        return handleVerify(req, TokenKind::User);

    // Bearer auth first (401), then the account id (404/7003), as the brief for Cloudflare says.
    const QByteArray auth = req.header("authorization");
    const QByteArray token = auth.startsWith("Bearer ") ? auth.mid(7).trimmed() : QByteArray();
    if (r.kind == Routed::VerifyAccount) {
        if (r.account != m_accountId)
            return error(Error::BadRoute, path);
        return handleVerify(req, TokenKind::Account);
    }
    const auto tokenIt = m_tokens.constFind(token);
    if (token.isEmpty() || tokenIt == m_tokens.constEnd() || tokenIt->status != TokenStatus::Active)
        return error(Error::Authentication);
    if (r.account != m_accountId)
        return error(Error::BadRoute, path);

    Script reply;
    switch (r.kind) {
    case Routed::Search:
        reply = handleSearch(req);
        break;
    case Routed::Run:
        reply = handleRun(req, r.model, RunMode::Native);
        break;
    case Routed::ChatCompletions:
        reply = handleRun(req, r.model, RunMode::ChatCompletions);
        break;
    case Routed::Responses:
        reply = handleRun(req, r.model, RunMode::Responses);
        break;
    case Routed::Embeddings:
        reply = handleRun(req, r.model, RunMode::Embeddings);
        break;
    default:
        reply = errorEnvelope(404, 7000, QStringLiteral("No route for that URI"));
        break;
    }
    if (r.gateway) {
        // The gateway reports its log entry; the run path also has a run id (reference §8).
        reply.headers.append(qMakePair(QByteArray("cf-aig-log-id"), hex(26).toUpper()));
        reply.headers.append(qMakePair(QByteArray("cf-aig-cache-status"), QByteArray("MISS")));
        if (r.kind == Routed::Run)
            reply.headers.append(qMakePair(QByteArray("cf-aig-run-id"), hex(32)));
    }
    return reply;
}

// ---------------------------------------------------------------------------------------------
// Token verify (reference §9)

FakeWorkersAi::Script FakeWorkersAi::handleVerify(const ReceivedRequest& request, TokenKind endpoint)
{
    const QByteArray auth = request.header("authorization");
    const QByteArray token = auth.startsWith("Bearer ") ? auth.mid(7).trimmed() : QByteArray();
    const auto it = m_tokens.constFind(token);
    // An account-owned token is unknown to the user endpoint and the other way round.
    if (token.isEmpty() || it == m_tokens.constEnd() || it->kind != endpoint)
        return errorEnvelope(401, 1000, QStringLiteral("Invalid API Token"));
    QList<Field> result {{"id", str(it->id.isEmpty() ? tokenId(token) : it->id)}};
    QByteArray messages = "[]";
    switch (it->status) {
    case TokenStatus::Active:
        result.append(Field {"status", "\"active\""});
        messages = arr({obj({{"code", "10000"}, {"message", str(QStringLiteral("This API Token is valid and active"))},
            {"type", "null"}})});
        break;
    case TokenStatus::Disabled:
        result.append(Field {"status", "\"disabled\""});
        break;
    case TokenStatus::Expired:
        result.append(Field {"status", "\"expired\""});
        result.append(Field {"not_before", "\"2025-01-01T00:00:00Z\""});
        result.append(Field {"expires_on", "\"2025-06-30T23:59:59Z\""});
        break;
    }
    return json(200, obj({{"result", obj(result)}, {"success", "true"}, {"errors", "[]"}, {"messages", messages}}));
}

// ---------------------------------------------------------------------------------------------
// Model search (reference §5)

void FakeWorkersAi::loadCatalog()
{
    static const QUuid ns(QStringLiteral("{6ba7b811-9dad-11d1-80b4-00c04fd430c8}"));
    auto uuidFor = [](const QString& name) { return QUuid::createUuidV5(ns, name).toString(QUuid::WithoutBraces); };
    auto taskFor = [&](const QString& name) {
        const bool embeddings = name == QLatin1String("Text Embeddings");
        return QJsonObject {{QStringLiteral("id"), uuidFor(QStringLiteral("task:") + name)},
            {QStringLiteral("name"), name},
            {QStringLiteral("description"),
                embeddings
                    ? QStringLiteral("Feature extraction models transform raw data into numerical features that "
                                     "can be processed while preserving the information in the original dataset.")
                    : QStringLiteral("Family of generative text models, such as large language models (LLM), "
                                     "that can be adapted for a variety of natural language tasks.")}};
    };
    auto item = [&](const QString& id, const QString& description, const QString& task, int contextWindow,
                    double priceIn, double priceOut, bool tools, bool reasoning) {
        QJsonArray properties;
        auto prop = [&](const QString& pid, const QJsonValue& value) {
            properties.append(QJsonObject {{QStringLiteral("property_id"), pid}, {QStringLiteral("value"), value}});
        };
        // Cloudflare writes scalar property values as strings ("true", "128000").
        if (contextWindow > 0)
            prop(QStringLiteral("context_window"), QString::number(contextWindow));
        if (priceIn > 0 || priceOut > 0) {
            prop(QStringLiteral("price"),
                QJsonArray {
                    QJsonObject {{QStringLiteral("unit"), QStringLiteral("per M input tokens")},
                        {QStringLiteral("price"), priceIn}, {QStringLiteral("currency"), QStringLiteral("USD")}},
                    QJsonObject {{QStringLiteral("unit"), QStringLiteral("per M output tokens")},
                        {QStringLiteral("price"), priceOut}, {QStringLiteral("currency"), QStringLiteral("USD")}}});
        }
        if (tools)
            prop(QStringLiteral("function_calling"), QStringLiteral("true"));
        if (reasoning)
            prop(QStringLiteral("reasoning"), QStringLiteral("true"));
        m_prices.insert(id, {priceIn, priceOut});
        return QJsonObject {{QStringLiteral("id"), uuidFor(id)}, {QStringLiteral("source"), 1},
            {QStringLiteral("name"), id}, {QStringLiteral("description"), description},
            {QStringLiteral("task"), taskFor(task)},
            {QStringLiteral("created_at"), QStringLiteral("2025-08-05 10:27:29.131")},
            {QStringLiteral("tags"), QJsonArray()}, {QStringLiteral("properties"), properties}};
    };

    QFile file(QStringLiteral(":/flarechat/models.json"));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonArray models
            = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("models")).toArray();
        for (const QJsonValue& v : models) {
            const QJsonObject m = v.toObject();
            const QJsonArray price = m.value(QLatin1String("price")).toArray();
            const QString reasoning = m.value(QLatin1String("reasoning")).toString();
            m_catalog.append(item(m.value(QLatin1String("id")).toString(),
                m.value(QLatin1String("description")).toString(),
                m.value(QLatin1String("task")).toString(QStringLiteral("Text Generation")),
                m.value(QLatin1String("contextWindow")).toInt(), price.at(0).toDouble(), price.at(1).toDouble(),
                m.value(QLatin1String("tools")).toBool(), !reasoning.isEmpty() && reasoning != QLatin1String("none")));
        }
    } else {
        qWarning("FakeWorkersAi: :/flarechat/models.json not found; the catalog has only the fixture models");
    }
    m_catalog.append(
        item(extraModelId(), QStringLiteral("A test fixture model that FlareChat's built-in catalog does not list."),
            QStringLiteral("Text Generation"), 16384, 0.1, 0.2, true, false));
}

FakeWorkersAi::Script FakeWorkersAi::handleSearch(const ReceivedRequest& request)
{
    auto param = [&](const char* key) {
        // URLSearchParams writes spaces as '+'; QUrlQuery does not decode that.
        return request.query.queryItemValue(QLatin1String(key), QUrl::FullyDecoded)
            .replace(QLatin1Char('+'), QLatin1Char(' '));
    };
    bool ok = false;
    int page = param("page").toInt(&ok);
    if (!ok || page < 1)
        page = 1;
    int perPage = param("per_page").toInt(&ok);
    if (!ok || perPage < 1)
        perPage = 20;
    const QString task = param("task");
    const QString search = param("search");
    const QString author = param("author");

    QList<QByteArray> matching;
    for (const QJsonValue& v : std::as_const(m_catalog)) {
        const QJsonObject m = v.toObject();
        const QString name = m.value(QLatin1String("name")).toString();
        if (!task.isEmpty()
            && m.value(QLatin1String("task"))
                    .toObject()
                    .value(QLatin1String("name"))
                    .toString()
                    .compare(task, Qt::CaseInsensitive)
                != 0)
            continue;
        if (!search.isEmpty() && !name.contains(search, Qt::CaseInsensitive)
            && !m.value(QLatin1String("description")).toString().contains(search, Qt::CaseInsensitive))
            continue;
        if (!author.isEmpty() && name.section(QLatin1Char('/'), 1, 1).compare(author, Qt::CaseInsensitive) != 0)
            continue;
        matching.append(val(m));
    }
    const qsizetype from = qsizetype(page - 1) * perPage;
    const QList<QByteArray> slice = from < matching.size() ? matching.mid(from, perPage) : QList<QByteArray>();
    return json(200,
        obj({{"result", arr(slice)},
            {"result_info",
                obj({{"page", num(page)}, {"per_page", num(perPage)}, {"count", num(slice.size())},
                    {"total_count", num(matching.size())}})},
            {"success", "true"}, {"errors", "[]"}, {"messages", "[]"}}));
}

// ---------------------------------------------------------------------------------------------
// Inference: input checks as Cloudflare makes them, then the default reply of the family.

QString FakeWorkersAi::replyTextFor(const QJsonObject& body)
{
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    if (!messages.isEmpty()) {
        const QJsonObject last = messages.last().toObject();
        if (last.value(QLatin1String("role")).toString() == QLatin1String("tool"))
            return QStringLiteral("Tool result: ") + textOf(last.value(QLatin1String("content")));
        for (qsizetype i = messages.size() - 1; i >= 0; --i) {
            const QJsonObject m = messages.at(i).toObject();
            if (m.value(QLatin1String("role")).toString() == QLatin1String("user"))
                return QStringLiteral("You said: ") + textOf(m.value(QLatin1String("content")));
        }
        return QStringLiteral("You said: ");
    }
    if (body.value(QLatin1String("prompt")).isString())
        return QStringLiteral("You said: ") + body.value(QLatin1String("prompt")).toString();
    const QJsonValue input = body.value(QLatin1String("input"));
    if (input.isString())
        return QStringLiteral("You said: ") + input.toString();
    const QJsonArray items = input.toArray();
    for (qsizetype i = items.size() - 1; i >= 0; --i) {
        const QJsonObject m = items.at(i).toObject();
        if (m.value(QLatin1String("role")).toString() == QLatin1String("user"))
            return QStringLiteral("You said: ") + textOf(m.value(QLatin1String("content")));
    }
    return QStringLiteral("You said: ");
}

QStringList FakeWorkersAi::splitTokens(const QString& text)
{
    // Word-sized tokens with their leading space, long words cut in 12-character pieces:
    // "You said: hi" -> "You", " said:", " hi".
    static const QRegularExpression re(QStringLiteral("\\s*\\S{1,12}|\\s+$"));
    QStringList out;
    auto it = re.globalMatch(text);
    while (it.hasNext())
        out.append(it.next().captured());
    return out;
}

namespace {

int promptTokenEstimate(const QJsonObject& body)
{
    int n = 0;
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    for (const QJsonValue& v : messages)
        n += wordCount(textOf(v.toObject().value(QLatin1String("content")))) + 4;
    if (body.value(QLatin1String("prompt")).isString())
        n += wordCount(body.value(QLatin1String("prompt")).toString()) + 4;
    const QJsonValue input = body.value(QLatin1String("input"));
    if (input.isString())
        n += wordCount(input.toString()) + 4;
    for (const QJsonValue& v : input.toArray())
        n += wordCount(textOf(v.toObject().value(QLatin1String("content")))) + 4;
    n += int(body.value(QLatin1String("tools")).toArray().size()) * 10;
    return qMax(1, n);
}

// Checks one messages array as the binding's JSON Schema would; returns an error script or none.
bool checkMessages(const QJsonArray& messages, const Traits& t, bool openAiCompat, FakeWorkersAi::Script* error)
{
    using E = FakeWorkersAi::Error;
    static const QRegularExpression strictId(QStringLiteral("^[a-zA-Z0-9]{9}$"));
    if (messages.isEmpty()) {
        *error = FakeWorkersAi::error(E::BadInput);
        return false;
    }
    for (const QJsonValue& v : messages) {
        if (!v.isObject()) {
            *error = FakeWorkersAi::error(E::BadInput);
            return false;
        }
        const QJsonObject m = v.toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        const QJsonValue content = m.value(QLatin1String("content"));
        if (role.isEmpty()) {
            *error = FakeWorkersAi::error(E::BadInput);
            return false;
        }
        // The binding rejects content null or missing (reference §1); the OpenAI layer allows
        // it on an assistant turn that only calls tools.
        const bool toolTurn = role == QLatin1String("assistant") && m.contains(QLatin1String("tool_calls"));
        if (content.isNull() || content.isUndefined()) {
            if (!(openAiCompat && toolTurn)) {
                *error = FakeWorkersAi::error(E::BadInput);
                return false;
            }
        } else if (content.isArray()) {
            if (t.stringOnly) {
                *error = FakeWorkersAi::error(E::BadInput);
                return false;
            }
            for (const QJsonValue& pv : content.toArray()) {
                const QJsonObject part = pv.toObject();
                const QString type = part.value(QLatin1String("type")).toString();
                if (type == QLatin1String("text") && part.value(QLatin1String("text")).isString())
                    continue;
                if (type == QLatin1String("image_url") && t.vision) {
                    // Only data: URIs; "HTTP URL will not be accepted" (reference §1).
                    const QString url
                        = part.value(QLatin1String("image_url")).toObject().value(QLatin1String("url")).toString();
                    if (url.startsWith(QLatin1String("data:image/")))
                        continue;
                }
                *error = FakeWorkersAi::error(E::BadInput);
                return false;
            }
        } else if (!content.isString()) {
            *error = FakeWorkersAi::error(E::BadInput);
            return false;
        }
        if (t.strictIds) {
            QStringList ids;
            if (m.contains(QLatin1String("tool_call_id")))
                ids.append(m.value(QLatin1String("tool_call_id")).toString());
            for (const QJsonValue& call : m.value(QLatin1String("tool_calls")).toArray())
                ids.append(call.toObject().value(QLatin1String("id")).toString());
            for (const QString& id : std::as_const(ids)) {
                if (!strictId.match(id).hasMatch()) {
                    *error = FakeWorkersAi::error(E::InvalidInput);
                    return false;
                }
            }
        }
    }
    return true;
}

QString toolName(const QJsonValue& tool)
{
    const QJsonObject o = tool.toObject();
    if (o.contains(QLatin1String("function")))
        return o.value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString();
    return o.value(QLatin1String("name")).toString();
}

QJsonObject toolParameters(const QJsonValue& tool)
{
    const QJsonObject o = tool.toObject();
    if (o.contains(QLatin1String("function")))
        return o.value(QLatin1String("function")).toObject().value(QLatin1String("parameters")).toObject();
    return o.value(QLatin1String("parameters")).toObject();
}

QString lastUserText(const QJsonObject& body)
{
    const QString reply = FakeWorkersAi::replyTextFor(body);
    const QString prefix = QStringLiteral("You said: ");
    return reply.startsWith(prefix) ? reply.mid(prefix.size()) : reply;
}

} // namespace

FakeWorkersAi::Script FakeWorkersAi::handleEmbeddings(
    const ReceivedRequest& request, const QString& model, RunMode mode, int dim)
{
    const QJsonValue input
        = request.json.value(mode == RunMode::Native ? QLatin1String("text") : QLatin1String("input"));
    QStringList texts;
    if (input.isString()) {
        texts.append(input.toString());
    } else if (input.isArray() && !input.toArray().isEmpty()) {
        for (const QJsonValue& v : input.toArray()) {
            if (!v.isString())
                return error(Error::BadInput);
            texts.append(v.toString());
        }
    } else {
        return error(Error::BadInput, QStringLiteral("required properties at '/' are 'text'"));
    }
    // Deterministic vectors: the same text always embeds the same way.
    auto vector = [dim](const QString& text) {
        const double seed = double(qHash(text) % 100000);
        QList<QByteArray> values;
        values.reserve(dim);
        for (int i = 0; i < dim; ++i)
            values.append(QByteArray::number(std::round(std::sin(seed * 0.001 + i) * 1e6) / 1e7, 'g', 8));
        return arr(values);
    };
    int tokens = 0;
    for (const QString& t : std::as_const(texts))
        tokens += wordCount(t) + 2;
    if (mode == RunMode::Native) {
        QList<QByteArray> data;
        for (const QString& t : std::as_const(texts))
            data.append(vector(t));
        return json(200,
            wire::envelope(
                obj({{"shape", arr({num(texts.size()), num(dim)})}, {"data", arr(data)}, {"pooling", "\"cls\""}})));
    }
    QList<QByteArray> data;
    for (int i = 0; i < texts.size(); ++i)
        data.append(obj({{"object", "\"embedding\""}, {"index", num(i)}, {"embedding", vector(texts.at(i))}}));
    return json(200,
        obj({{"object", "\"list\""}, {"data", arr(data)}, {"model", str(model)},
            {"usage", obj({{"prompt_tokens", num(tokens)}, {"total_tokens", num(tokens)}})}}));
}

FakeWorkersAi::Script FakeWorkersAi::handleRun(const ReceivedRequest& request, const QString& model, RunMode mode)
{
    if (request.body.size() > m_maxBodyBytes)
        return error(Error::TooLarge);
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return errorEnvelope(400, 3003, QStringLiteral("Bad request: the body is missing or is not a JSON object"));
    const QJsonObject body = doc.object();
    if (model.isEmpty())
        return error(Error::BadInput, QStringLiteral("required properties at '/' are 'model'"));

    const Family family = m_familyOverrides.value(model, familyOf(model));
    if (family == Family::Missing)
        return error(Error::NoSuchModel, model);
    const Traits t = traitsOf(model, family);
    if (t.paidOnly && m_freePlan)
        return error(Error::PaidOnly, model);
    if ((family == Family::Embedding) != (mode == RunMode::Embeddings)) {
        if (family == Family::Embedding && mode == RunMode::Native)
            return handleEmbeddings(request, model, mode, t.embeddingDim);
        return error(Error::BadInput);
    }
    if (mode == RunMode::Embeddings)
        return handleEmbeddings(request, model, mode, t.embeddingDim);

    // Which input form (a JSON Schema oneOf: exactly one must match).
    enum class Form { Prompt, Messages, Input } form = Form::Messages;
    const bool hasMessages = body.contains(QLatin1String("messages"));
    const bool hasPrompt = body.contains(QLatin1String("prompt"));
    const bool hasInput = body.contains(QLatin1String("input"));
    if (mode == RunMode::Responses) {
        if (!t.responsesForm || !hasInput)
            return error(Error::BadInput);
        form = Form::Input;
    } else if (mode == RunMode::ChatCompletions) {
        if (!hasMessages)
            return error(Error::BadInput, QStringLiteral("required properties at '/' are 'messages'"));
    } else {
        const int forms = int(hasMessages) + int(hasPrompt) + int(hasInput && t.responsesForm);
        if (forms != 1)
            return error(Error::BadInput);
        form = hasPrompt ? Form::Prompt : hasMessages ? Form::Messages : Form::Input;
    }
    Script bad;
    if (form == Form::Messages
        && !checkMessages(body.value(QLatin1String("messages")).toArray(), t, mode == RunMode::ChatCompletions, &bad))
        return bad;
    if (form == Form::Prompt && body.value(QLatin1String("prompt")).toString().isEmpty())
        return error(Error::BadInput);
    if (form == Form::Input && !body.value(QLatin1String("input")).isString()
        && !body.value(QLatin1String("input")).isArray())
        return error(Error::BadInput);
    for (const char* key : {"max_tokens", "max_completion_tokens", "max_output_tokens"}) {
        const QJsonValue v = body.value(QLatin1String(key));
        if (!v.isUndefined() && (!v.isDouble() || v.toDouble() < 1 || v.toDouble() != std::floor(v.toDouble())))
            return error(Error::BadInput, QStringLiteral("type at '/%1' must be integer >= 1").arg(QLatin1String(key)));
    }
    const QJsonValue toolChoice = body.value(QLatin1String("tool_choice"));
    if (toolChoice.toString() == QLatin1String("any") && t.rejectsAny)
        return error(Error::InvalidInput);
    const QJsonObject responseFormat = body.value(QLatin1String("response_format")).toObject();
    const QString formatType = responseFormat.value(QLatin1String("type")).toString();
    const bool jsonMode = formatType == QLatin1String("json_object") || formatType == QLatin1String("json_schema");
    QJsonObject schema = responseFormat.value(QLatin1String("json_schema")).toObject();
    if (formatType == QLatin1String("json_schema") && family == Family::Vllm && !schema.contains(QLatin1String("name")))
        return error(
            Error::BadInput, QStringLiteral("required properties at '/response_format/json_schema' are 'name'"));
    if (schema.contains(QLatin1String("schema")) && schema.value(QLatin1String("schema")).isObject())
        schema = schema.value(QLatin1String("schema")).toObject(); // OpenAI's {name, schema, strict} envelope

    // --- what the model "says" ---
    const QString userText = lastUserText(body);
    QString text = replyTextFor(body);
    QJsonValue jsonValue;
    if (jsonMode) {
        jsonValue = schema.isEmpty() ? QJsonValue(QJsonObject {{QStringLiteral("reply"), text}})
                                     : sampleFor(schema, userText);
        text = QString::fromUtf8(val(jsonValue));
    }
    QString lastRole = QStringLiteral("user");
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    if (!messages.isEmpty())
        lastRole = messages.last().toObject().value(QLatin1String("role")).toString();
    const QJsonArray tools = body.value(QLatin1String("tools")).toArray();
    QList<ToolCall> calls;
    if (!tools.isEmpty() && lastRole == QLatin1String("user") && toolChoice.toString() != QLatin1String("none")
        && !jsonMode && form != Form::Prompt) {
        QJsonValue tool = tools.first();
        const QString forced
            = toolChoice.toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString();
        for (const QJsonValue& candidate : tools) {
            if (!forced.isEmpty() && toolName(candidate) == forced)
                tool = candidate;
        }
        const QJsonObject arguments = sampleFor(toolParameters(tool), userText).toObject();
        const bool legacyShape = (family == Family::Legacy || family == Family::DeepSeekR1) && mode == RunMode::Native;
        calls.append(
            ToolCall {legacyShape ? QString() : QStringLiteral("chatcmpl-tool-") + QString::fromLatin1(hex(32)),
                toolName(tool), arguments});
    }

    const bool fieldReasoning = t.reasoning && (family == Family::NoStream || family == Family::Vllm);
    const bool thinkText = family == Family::DeepSeekR1;
    const QString reasoningText
        = QStringLiteral("The user wrote %1 words, so I will echo them back.").arg(wordCount(userText));
    QStringList reasoning = fieldReasoning ? splitTokens(reasoningText) : QStringList();
    QStringList content = calls.isEmpty() ? (jsonMode ? QStringList {text} : splitTokens(text)) : QStringList();
    if (thinkText) // DeepSeek-R1 on Workers AI: the opening <think> is missing (reference §4)
        content = splitTokens(reasoningText)
            + QStringList {QStringLiteral("\n"), QStringLiteral("</think>"), QStringLiteral("\n\n")} + content;

    int cap = t.defaultMaxTokens;
    for (const char* key : {"max_tokens", "max_completion_tokens", "max_output_tokens"}) {
        if (body.value(QLatin1String(key)).isDouble())
            cap = body.value(QLatin1String(key)).toInt();
    }
    bool truncated = false;
    if (reasoning.size() >= cap) {
        truncated = reasoning.size() > cap || !content.isEmpty() || !calls.isEmpty();
        reasoning = reasoning.mid(0, cap);
        content.clear();
        if (truncated)
            calls.clear();
    } else if (!jsonMode && reasoning.size() + content.size() > cap) {
        content = content.mid(0, cap - reasoning.size());
        truncated = true;
    }
    const QString finish = truncated ? QStringLiteral("length")
                                     : (calls.isEmpty() ? QStringLiteral("stop") : QStringLiteral("tool_calls"));
    Usage usage;
    usage.promptTokens = promptTokenEstimate(body);
    usage.completionTokens = int(reasoning.size() + content.size()) + int(calls.size()) * 12;
    const auto price = m_prices.value(model, {0.35, 0.56});
    if (family == Family::Vllm) // USD per M tokens / ($0.011 per 1000 neurons) = neurons per token * 1e6 / 11
        usage.neurons
            = std::round((usage.promptTokens * price.first + usage.completionTokens * price.second) * 100.0 / 11.0)
            / 100.0;
    const QString contentText = content.join(QString());
    const QString reasoningJoined = reasoning.join(QString());
    const bool stream = body.value(QLatin1String("stream")).toBool();
    const int completionTokens = usage.completionTokens;

    Script s;
    bool streamed = false;
    if (mode == RunMode::ChatCompletions) {
        if (stream) {
            const bool includeUsage
                = body.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool();
            s = openAiStream(model, content, reasoning, calls, usage, finish,
                includeUsage ? UsageTail::OpenAi : UsageTail::None, family == Family::Vllm);
            streamed = true;
        } else {
            s = openAiJson(model, contentText, reasoningJoined, calls, usage, finish, false);
        }
    } else if (form == Form::Input) {
        // The Responses API is non-streaming only (reference §3): JSON even for stream:true.
        s = responsesJson(model, contentText, reasoningJoined, calls, usage, mode == RunMode::Native);
    } else if (family == Family::Legacy || family == Family::DeepSeekR1
        || (family == Family::NoStream && form == Form::Prompt)) {
        if (jsonMode) {
            // JSON mode does not stream (reference §1): the JSON reply answers stream:true too.
            s = legacyJsonValue(jsonValue, usage);
        } else if (stream && family != Family::NoStream) {
            s = legacyStream(content, usage, true, false, true, calls);
            streamed = true;
        } else {
            s = legacyJson(contentText, usage, calls);
        }
    } else if (family == Family::NoStream) {
        if (stream && m_noStreamEmpty)
            s = json(200, wire::envelope("{}"));
        else
            s = openAiJson(model, contentText, reasoningJoined, calls, usage, finish, true);
    } else { // Vllm
        if (stream && !jsonMode) {
            s = openAiStream(model, content, reasoning, calls, usage, finish, UsageTail::Cloudflare, true, true);
            streamed = true;
        } else {
            s = openAiJson(model, contentText, reasoningJoined, calls, usage, finish, true);
        }
    }
    if (streamed) {
        s.firstByteDelayMs = m_firstByteDelayMs;
        s.chunkDelayMs = m_tokenDelayMs;
    } else {
        s.firstByteDelayMs = m_firstByteDelayMs + m_tokenDelayMs * completionTokens;
    }
    return s;
}

} // namespace flarechat::test
