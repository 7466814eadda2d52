#pragma once

#include "workersai/ModelCatalog.h"

#include <QString>

namespace flarechat {

// `flarechat models`: the catalog as an aligned table, or as JSON (--json) for scripts.
namespace ModelsCommand {

QString table(const ModelCatalog& catalog);
QByteArray json(const ModelCatalog& catalog);

} // namespace ModelsCommand
} // namespace flarechat
