#pragma once

#include "storage/LocalApiKeys.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace flarechat::cli {

// `flarechat key new|list|revoke`: the local API keys, without the window. New keys go to the OS
// keychain (where `flarechat serve` reads them) with a record in the settings (LocalApiKeys);
// a key is printed once, when it is made, and never again.
class KeyCommand final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::cli::KeyCommand)

public:
    // args: "flarechat <subcommand> [options]" (the word "key" already taken out). Returns the
    // exit code: Ok, Usage, or Failed (the keychain or settings failed, no such key).
    int run(QCoreApplication& app, const QStringList& args);

    // The table `flarechat key list` prints: name, prefix with "…", creation time (UTC) and a
    // note for a key without a record or a record without its key. Never a whole key.
    static QString table(const QList<LocalApiKeys::Entry>& entries, bool keychainRead);
};

} // namespace flarechat::cli
