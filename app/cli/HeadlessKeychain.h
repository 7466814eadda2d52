#pragma once

#include "config/LocalKeysJob.h"
#include "storage/SecretStore.h"

namespace flarechat::cli {

// The keychain for headless commands, which have nothing else to do while it answers: each call
// runs a local event loop until the job has finished (bounded by the store's timeout). The window
// never blocks on the keychain; this lives here so that it cannot.
SecretResult awaitSecret(SecretJob* job);
LocalKeysJob::Result awaitKeys(LocalKeysJob* job); // the same for a change of the local API keys

// A secret, or an empty string when none is stored. A keychain that fails (rather than having
// nothing stored) is reported once per process on stderr, never with the secret.
QString readSecret(SecretStore& store, const QString& key);

} // namespace flarechat::cli
