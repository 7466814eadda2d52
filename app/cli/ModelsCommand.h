#pragma once

#include "workersai/ModelCatalog.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace flarechat::cli {

// `flarechat models [--json] [--live]`: the catalog as an aligned table, or as JSON for scripts;
// --live fetches Cloudflare's current list first and caches it for every later start.
class ModelsCommand final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::cli::ModelsCommand)

public:
    int run(QCoreApplication& app, const QStringList& args);

    static QString table(const ModelCatalog& catalog);
    static QByteArray json(const ModelCatalog& catalog);
};

} // namespace flarechat::cli
