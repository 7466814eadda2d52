#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

namespace flarechat {

class Settings;

// The user's own model names as the settings keep them (Settings::Key::ModelAliases, one
// "alias=target" string each, in the user's order). Only the format lives here: which aliases
// are allowed is ModelCatalog::checkUserAlias(), and EngineConfig::catalog() gives them to the
// catalog every engine (the window's, the server's, `ask`'s) resolves names with.
class UserAliases final
{
public:
    using Rows = QList<QPair<QString, QString>>; // alias, target

    UserAliases() = delete;

    static Rows read(const Settings& settings); // entries without "=" are skipped
    static void write(Settings* settings, const Rows& rows); // unsynced; no rows: the key reset
    static QHash<QString, QString> toHash(const Rows& rows);
};

} // namespace flarechat
