// Plans, the clock, the daily free allocation and the prompt prefix cache (reference §1, §6, §7).
// Neurons are metered from the usage of every default reply at the catalog's prices; on the
// Free plan a spent allocation answers 429 until 00:00 UTC of the fake's clock.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiWire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flarechat::test {

using namespace wire;

void FakeWorkersAi::setFreePlan(bool freePlan)
{
    m_freePlan = freePlan;
}

void FakeWorkersAi::setPaidPlan(bool paidPlan)
{
    m_freePlan = !paidPlan;
}

bool FakeWorkersAi::freePlan() const
{
    return m_freePlan;
}

void FakeWorkersAi::setPaidOnlyEmptyBody(const QString& modelId, bool empty)
{
    m_emptyPaidOnly.insert(modelId, empty);
}

void FakeWorkersAi::grantModelAccess(const QString& modelId, bool granted)
{
    m_grantedAccess.insert(modelId, granted);
}

void FakeWorkersAi::setNow(const QDateTime& now)
{
    m_now = now.isValid() ? now.toUTC() : QDateTime();
}

QDateTime FakeWorkersAi::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

QDate FakeWorkersAi::today() const
{
    return now().date();
}

void FakeWorkersAi::setDailyFreeNeurons(double neurons)
{
    m_dailyFreeNeurons = neurons;
}

double FakeWorkersAi::dailyFreeNeurons() const
{
    return m_dailyFreeNeurons;
}

void FakeWorkersAi::setNeuronsUsedToday(double neurons)
{
    m_spent.insert(m_accountId, {today(), neurons});
}

double FakeWorkersAi::neuronsUsedToday() const
{
    const auto it = m_spent.constFind(m_accountId);
    return it != m_spent.constEnd() && it->first == today() ? it->second : 0.0;
}

void FakeWorkersAi::setQuotaReply(QuotaReply reply)
{
    m_quotaReply = reply;
}

int FakeWorkersAi::modelRequests() const
{
    return m_modelRequests;
}

bool FakeWorkersAi::allocationSpent() const
{
    return m_freePlan && neuronsUsedToday() >= m_dailyFreeNeurons;
}

FakeWorkersAi::Script FakeWorkersAi::quotaExceeded() const
{
    switch (m_quotaReply) {
    case QuotaReply::Code4006:
        return error(Error::DailyQuota4006);
    case QuotaReply::TextOnly: {
        // The same text without a code, as some clients saw it.
        const QJsonObject coded = QJsonDocument::fromJson(error(Error::DailyQuota).body()).object();
        const QString text = coded.value(QLatin1String("errors"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QLatin1String("message"))
                                 .toString();
        return json(429,
            obj({{"result", "null"}, {"success", "false"}, {"errors", arr({obj({{"message", str(text)}})})},
                {"messages", "[]"}}));
    }
    case QuotaReply::Code3036:
        break;
    }
    return error(Error::DailyQuota);
}

double FakeWorkersAi::neuronsFor(const QString& modelId, const Usage& usage) const
{
    // Neurons per M tokens = $/M / $0.011 per 1,000 neurons (reference §7).
    auto perM = [](double usd) { return usd > 0 ? usd / 0.011 * 1000.0 : 0.0; };
    const double in = perM(catalogPrice(modelId, QStringLiteral("per M input tokens")));
    const double cachedPrice = catalogPrice(modelId, QStringLiteral("per M cached input tokens"));
    const double cachedIn = cachedPrice >= 0 ? perM(cachedPrice) : in;
    const double out = perM(catalogPrice(modelId, QStringLiteral("per M output tokens")));
    const int cached = qBound(0, usage.cachedTokens, usage.promptTokens);
    return ((usage.promptTokens - cached) * in + cached * cachedIn + usage.completionTokens * out) / 1e6;
}

double FakeWorkersAi::bill(const QString& modelId, const Usage& usage)
{
    const double neurons = neuronsFor(modelId, usage);
    setNeuronsUsedToday(neuronsUsedToday() + neurons);
    return neurons;
}

int FakeWorkersAi::cachedPrefixTokens(
    const QByteArray& affinity, const QString& model, const QList<QByteArray>& messages, const QList<int>& tokens) const
{
    if (affinity.isEmpty())
        return 0;
    const auto it = m_prefixes.constFind(affinity);
    if (it == m_prefixes.constEnd() || it->model != model)
        return 0;
    int cached = 0;
    for (qsizetype i = 0; i < messages.size() && i < it->messages.size(); ++i) {
        if (messages.at(i) != it->messages.at(i))
            break;
        cached += tokens.value(i);
    }
    return cached;
}

void FakeWorkersAi::rememberPrefix(
    const QByteArray& affinity, const QString& model, const QList<QByteArray>& messages, const QList<int>& tokens)
{
    if (!affinity.isEmpty())
        m_prefixes.insert(affinity, PrefixEntry {model, messages, tokens});
}

void FakeWorkersAi::clearSessionCache()
{
    m_prefixes.clear();
}

} // namespace flarechat::test
