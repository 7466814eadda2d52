#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace flarechat {

// OpenAI's Models API (GET /v1/models, GET /v1/models/{id}): {id, object:"model", created,
// owned_by} per model, plus what Workers AI adds that clients can use — whether the model needs
// the Workers Paid plan, and its context window. The SDKs keep unknown fields. Pure code.
namespace ModelsWire {

struct Entry
{
    QString id; // the name a request may use: an alias or a "@cf/..." id
    qint64 created = 0;
    bool requiresWorkersPaid = false; // "require_workers_paid", Cloudflare's own property name
    int contextWindow = 0; // tokens; 0 = unknown (left out)
};

QJsonObject model(const Entry& entry);
QJsonObject list(const QList<Entry>& entries); // {"object":"list","data":[...]}

} // namespace ModelsWire
} // namespace flarechat
