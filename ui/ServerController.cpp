#include "ServerController.h"

#include "config/ServerConfig.h"
#include "server/ApiServer.h"
#include "storage/Settings.h"

#include <QCryptographicHash>
#include <QDataStream>

namespace flarechat {

namespace {

// What the server runs with, as one digest: equal digests, nothing to restart for. Secrets go
// into the hash only, which lives in memory.
QByteArray fingerprint(const ApiServer::Config& c, const Credentials& credentials)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    QStringList keys = credentials.localKeys();
    keys.sort();
    const Endpoint& e = c.engine.endpoint;
    QStringList aliases; // sorted: QHash's order may differ between equal hashes
    const QHash<QString, QString> userAliases = c.engine.catalog.userAliases();
    for (auto it = userAliases.constBegin(); it != userAliases.constEnd(); ++it)
        aliases.append(it.key() + QLatin1Char('=') + it.value());
    aliases.sort();
    out << c.http.address.toString() << c.http.port << c.http.parser.maxBodyBytes << c.access.requireKey
        << c.access.allowedHosts << c.access.corsOrigins << keys << c.router.inlineReasoning
        << c.engine.client.defaultMaxTokens << c.logPath << c.logMaxBytes << int(e.kind) << e.accountId << e.apiToken
        << e.gatewayId << e.gatewayBase << e.gatewayToken << e.gatewayCacheTtl << e.gatewaySkipCache << e.customBase
        << int(e.proxyMode) << e.proxyHost << e.proxyPort << e.proxyUser << e.proxyPassword << aliases;
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

} // namespace

ServerController::ServerController(Settings* settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_server(new ApiServer(this))
    , m_statusText(tr("API: off"))
{
    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(0);
    connect(&m_applyTimer, &QTimer::timeout, this, &ServerController::apply);
    // Anything may matter (port, keys' rule, reasoning, max tokens...): the fingerprint decides.
    connect(m_settings, &Settings::changed, this, &ServerController::scheduleApply);
    scheduleApply();
}

ServerController::~ServerController()
{
    m_server->stop();
}

void ServerController::setCredentials(const Credentials& credentials)
{
    m_credentials = credentials;
    m_haveCredentials = true;
    m_applyTimer.stop();
    apply();
}

void ServerController::scheduleApply()
{
    m_applyTimer.start();
}

void ServerController::apply()
{
    if (!m_settings->value(Settings::Key::ServerEnabled).toBool()) {
        m_server->stop();
        m_runningFingerprint.clear();
        setState(State::Off, tr("API: off"));
        return;
    }
    if (!m_haveCredentials) {
        setState(State::Waiting, tr("API: starting…"));
        return;
    }
    ApiServer::Config config;
    QString error;
    if (!ServerConfig::build(*m_settings, m_credentials, {}, &config, &error)) {
        m_server->stop();
        m_runningFingerprint.clear();
        setState(State::Failed, tr("API: bad address"), error);
        return;
    }
    const QByteArray print = fingerprint(config, m_credentials);
    if (m_server->isRunning() && print == m_runningFingerprint)
        return;
    if (m_server->canReconfigure(config)) {
        // Same address and port: new credentials, keys or rules apply in place, and requests
        // in flight (a client's stream) are not cut off.
        if (m_server->reconfigure(config, &error)) {
            m_runningFingerprint = print;
            return;
        }
        m_server->stop(); // the rules are invalid (a LAN address without a key): as a start would
        m_runningFingerprint.clear();
        setState(State::Failed, config.keys.isEmpty() ? tr("API: needs a key") : tr("API: not started"), error);
        return;
    }
    m_server->stop();
    m_runningFingerprint.clear();
    if (!m_server->start(config, &error)) {
        QString status;
        switch (m_server->lastStartFailure()) {
        case ApiServer::StartFailure::PortInUse:
            status = tr("API: port %1 is in use").arg(config.http.port);
            break;
        case ApiServer::StartFailure::PortAccess:
            status = tr("API: port %1 needs administrator rights").arg(config.http.port);
            break;
        case ApiServer::StartFailure::AddressUnavailable:
            status = tr("API: %1 is not this computer's address").arg(config.http.address.toString());
            break;
        case ApiServer::StartFailure::Config:
            status = config.keys.isEmpty() ? tr("API: needs a key") : tr("API: not started");
            break;
        default:
            status = tr("API: not started");
            break;
        }
        setState(State::Failed, status, error);
        return;
    }
    m_runningFingerprint = print;
    m_baseUrl = ServerConfig::baseUrl(m_server->address(), m_server->port());
    setState(State::Running, tr("API: %1").arg(m_baseUrl));
}

void ServerController::setState(State state, const QString& statusText, const QString& error)
{
    if (state != State::Running)
        m_baseUrl.clear();
    if (state == m_state && statusText == m_statusText && error == m_error)
        return;
    m_state = state;
    m_statusText = statusText;
    m_error = error;
    Q_EMIT stateChanged();
}

} // namespace flarechat
