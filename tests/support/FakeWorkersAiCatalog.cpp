// The fake's model catalog (reference §4.6, §4.7, §5): fake_catalog.json, embedded as a Qt
// resource, in the exact item shape of GET /ai/models/search, plus extraModelId() and whatever
// addCatalogModel() adds. Its properties drive behaviour too: context_window, price,
// require_workers_paid and vision.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiWire.h"

#include <QFile>
#include <QJsonDocument>
#include <QUuid>

namespace flarechat::test {

using namespace wire;

void FakeWorkersAi::loadCatalog()
{
    QFile file(QStringLiteral(":/flarechat-test/fake_catalog.json"));
    if (file.open(QIODevice::ReadOnly))
        m_catalog = QJsonDocument::fromJson(file.readAll()).array();
    if (m_catalog.isEmpty())
        qWarning("FakeWorkersAi: :/flarechat-test/fake_catalog.json is missing or empty");

    // A model Cloudflare lists that FlareChat's built-in catalog does not know.
    static const QUuid ns(QStringLiteral("{6ba7b811-9dad-11d1-80b4-00c04fd430c8}"));
    auto uuidFor = [](const QString& name) { return QUuid::createUuidV5(ns, name).toString(QUuid::WithoutBraces); };
    auto prop = [](const char* id, const QJsonValue& value) {
        return QJsonObject {{QStringLiteral("property_id"), QLatin1String(id)}, {QStringLiteral("value"), value}};
    };
    auto price = [](const char* unit, double usd) {
        return QJsonObject {{QStringLiteral("unit"), QLatin1String(unit)}, {QStringLiteral("price"), usd},
            {QStringLiteral("currency"), QStringLiteral("USD")}};
    };
    const QString task = QStringLiteral("Text Generation");
    m_catalog.append(QJsonObject {{QStringLiteral("id"), uuidFor(extraModelId())}, {QStringLiteral("source"), 1},
        {QStringLiteral("name"), extraModelId()},
        {QStringLiteral("description"),
            QStringLiteral("A test fixture model that FlareChat's built-in catalog does not list.")},
        {QStringLiteral("task"),
            QJsonObject {{QStringLiteral("id"), uuidFor(QStringLiteral("task:") + task)},
                {QStringLiteral("name"), task},
                {QStringLiteral("description"),
                    QStringLiteral("Family of generative text models, such as large language models (LLM), that can "
                                   "be adapted for a variety of natural language tasks.")}}},
        {QStringLiteral("created_at"), QStringLiteral("2026-11-02 00:00:00.000")},
        {QStringLiteral("tags"), QJsonArray()},
        {QStringLiteral("properties"),
            QJsonArray {prop("context_window", QStringLiteral("16384")),
                prop("function_calling", QStringLiteral("true")),
                prop("price", QJsonArray {price("per M input tokens", 0.1), price("per M output tokens", 0.2)})}}});
}

QJsonArray FakeWorkersAi::catalog() const
{
    return m_catalog;
}

QJsonObject FakeWorkersAi::catalogModel(const QString& modelId) const
{
    for (const QJsonValue& v : m_catalog) {
        if (v.toObject().value(QLatin1String("name")).toString() == modelId)
            return v.toObject();
    }
    return {};
}

void FakeWorkersAi::addCatalogModel(const QJsonObject& item)
{
    const QString name = item.value(QLatin1String("name")).toString();
    for (qsizetype i = 0; i < m_catalog.size(); ++i) {
        if (m_catalog.at(i).toObject().value(QLatin1String("name")).toString() == name) {
            m_catalog.replace(i, item);
            return;
        }
    }
    m_catalog.append(item);
}

QString FakeWorkersAi::extraModelId()
{
    return QStringLiteral("@cf/fakelab/parrot-13b-instruct");
}

QJsonValue FakeWorkersAi::catalogProperty(const QString& modelId, const QString& propertyId) const
{
    const QJsonArray properties = catalogModel(modelId).value(QLatin1String("properties")).toArray();
    for (const QJsonValue& p : properties) {
        if (p.toObject().value(QLatin1String("property_id")).toString() == propertyId)
            return p.toObject().value(QLatin1String("value"));
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool FakeWorkersAi::catalogFlag(const QString& modelId, const QString& propertyId) const
{
    const QJsonValue v = catalogProperty(modelId, propertyId);
    return v.toString() == QLatin1String("true") || v.toBool();
}

double FakeWorkersAi::catalogPrice(const QString& modelId, const QString& unit) const
{
    for (const QJsonValue& p : catalogProperty(modelId, QStringLiteral("price")).toArray()) {
        if (p.toObject().value(QLatin1String("unit")).toString() == unit)
            return p.toObject().value(QLatin1String("price")).toDouble();
    }
    return -1;
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

} // namespace flarechat::test
