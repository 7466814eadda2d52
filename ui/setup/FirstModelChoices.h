#pragma once

#include "workersai/ModelCatalog.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

namespace flarechat {

// The models the first-run page offers: every chat model the Free plan may use today (not paid-only,
// not retired, not an embedding model), the recommended ones first, each with one sentence on what
// it is good at; the others by name. The sentences are FlareChat's own (translated), kept in a table
// here by model id.
class FirstModelChoices final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::FirstModelChoices)

public:
    struct Choice
    {
        QString name; // what a request sends and the settings keep: the alias, else the id
        QString id; // the Workers AI id
        QString displayName;
        QString goodAt; // the sentence, translated; empty for a model outside the table
    };

    // The recommended choices (in the table's order) that `catalog` has and the Free plan may use
    // on `today`, then the other free chat models in the catalog's order.
    static QList<Choice> forCatalog(const ModelCatalog& catalog, const QDate& today);
    // The ids of the table, in its order (tests check each against the built-in catalog).
    static QStringList recommendedIds();
    // The sentence for `id`, translated; empty when the table has none.
    static QString goodAt(const QString& id);
};

} // namespace flarechat
