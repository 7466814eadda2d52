#pragma once

#include "FakeWorkersAi.h"
#include "OpenAiTestClient.h"
#include "server/ApiServer.h"

#include <QDateTime>

#include <atomic>
#include <functional>
#include <memory>

namespace flarechat::test {

// The API key every server test uses (not a real key: the local key format, all test text).
inline const char* const kTestApiKey = "sk-flarechat-testkeyforintegrationtests000000000000";

// An ApiServer on 127.0.0.1 (a free port) in front of a fake Workers AI, as serve runs it: the
// key required, two retries 10 ms apart, and the engine's clock the fake's (setNow() moves both).
class ApiServerFixture final
{
public:
    ApiServerFixture();
    ~ApiServerFixture();

    // Starts the fake and the server; false (with a warning) when either fails.
    bool start();
    // Stops the server and starts it again with what `tune` changed in its configuration.
    bool restart(const std::function<void(ApiServer::Config&)>& tune);

    FakeWorkersAi& fake() { return *m_fake; }
    ApiServer& server() { return *m_server; }
    OpenAiTestClient& client() { return m_client; }
    void setNow(const QDateTime& now); // the fake's clock and the server engine's

private:
    bool startServer(const std::function<void(ApiServer::Config&)>& tune);

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<ApiServer> m_server;
    OpenAiTestClient m_client {kTestApiKey};
    std::shared_ptr<std::atomic<qint64>> m_nowMs; // 0: the real clock; read on the server thread
};

} // namespace flarechat::test
