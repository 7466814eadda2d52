#pragma once

#include <QString>

namespace flarechat::cli {

// The exit codes of every command, one set for all of them (documented in the README).
enum ExitCode : int {
    Ok = 0,
    Failed = 1, // the command ran and failed: Workers AI refused, the keychain or a file failed
    Usage = 2, // the command line was wrong: an unknown option, a bad value, a missing argument
    Config = 3, // what it needs is not configured: no Cloudflare credentials, no key for a LAN address
    Interrupted = 130, // SIGINT or SIGTERM ended it (128 + SIGINT, as shells report it)
};

// Text to stdout / stderr as UTF-8, flushed at once (so a pipe sees each piece as it streams).
void out(const QString& text);
void err(const QString& text); // a line: the newline is added

} // namespace flarechat::cli
