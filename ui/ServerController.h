#pragma once

#include "config/Credentials.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

namespace flarechat {

class ApiServer;
class Settings;

// The window's local API server: runs core's ApiServer (on its own thread) while
// Settings::Key::ServerEnabled is on, configured as `flarechat serve` is (ServerConfig::build)
// from the settings and the credentials the window resolved (endpoint, keychain keys). Starts
// once the credentials are known; when anything the server uses changes, applies it in place
// (ApiServer::reconfigure(): requests in flight go on) or, for a new address or port, restarts;
// stops when the toggle goes off and when it is destroyed. Its state is one line for the status bar.
class ServerController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerController)

public:
    enum class State { Off, Waiting, Running, Failed };

    explicit ServerController(Settings* settings, QObject* parent = nullptr);
    ~ServerController() override;

    // The credentials to serve with. The first call lets the server start; every call applies
    // at once (a server whose configuration did not change keeps running).
    void setCredentials(const Credentials& credentials);

    State state() const { return m_state; }
    QString statusText() const { return m_statusText; } // "API: http://127.0.0.1:8787/v1", "API: off", ...
    QString errorText() const { return m_error; } // the whole reason when Failed
    QString baseUrl() const { return m_baseUrl; } // when Running
    ApiServer* server() const { return m_server; }

Q_SIGNALS:
    void stateChanged();

private:
    void scheduleApply();
    void apply();
    void setState(State state, const QString& statusText, const QString& error = {});

    Settings* m_settings;
    ApiServer* m_server;
    Credentials m_credentials;
    bool m_haveCredentials = false;
    QTimer m_applyTimer; // coalesces the several settings one Apply changes
    QByteArray m_runningFingerprint; // of the configuration the server runs with
    State m_state = State::Off;
    QString m_statusText;
    QString m_error;
    QString m_baseUrl;
};

} // namespace flarechat
