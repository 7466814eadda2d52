#include "ApiServerFixture.h"

#include <QTimeZone>

namespace flarechat::test {

ApiServerFixture::ApiServerFixture()
    : m_fake(std::make_unique<FakeWorkersAi>())
    , m_nowMs(std::make_shared<std::atomic<qint64>>(0))
{
}

ApiServerFixture::~ApiServerFixture()
{
    m_server.reset(); // before the fake it talks to
}

bool ApiServerFixture::start()
{
    if (!m_fake->listen()) {
        qWarning("the fake Workers AI could not listen");
        return false;
    }
    return startServer({});
}

bool ApiServerFixture::restart(const std::function<void(ApiServer::Config&)>& tune)
{
    return startServer(tune);
}

void ApiServerFixture::setNow(const QDateTime& now)
{
    m_fake->setNow(now);
    m_nowMs->store(now.isValid() ? now.toMSecsSinceEpoch() : 0);
}

bool ApiServerFixture::startServer(const std::function<void(ApiServer::Config&)>& tune)
{
    m_server.reset();
    ApiServer::Config c;
    c.http.address = QHostAddress(QHostAddress::LocalHost);
    c.http.port = 0;
    c.access.requireKey = true;
    c.keys = ApiKeyVerifier(QStringList {QString::fromLatin1(kTestApiKey)});
    c.engine.endpoint = m_fake->endpoint();
    c.engine.client.maxRetries = 2;
    c.engine.client.retryBaseDelayMs = 10;
    c.engine.clock = [nowMs = m_nowMs] {
        const qint64 ms = nowMs->load();
        return ms ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()) : QDateTime::currentDateTimeUtc();
    };
    if (tune)
        tune(c);
    m_server = std::make_unique<ApiServer>();
    QString error;
    if (!m_server->start(c, &error)) {
        qWarning() << "the API server did not start:" << error;
        return false;
    }
    m_client.setPort(m_server->port());
    return true;
}

} // namespace flarechat::test
