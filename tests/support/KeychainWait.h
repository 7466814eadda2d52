#pragma once

#include "storage/SecretStore.h"

#include <QSignalSpy>

namespace flarechat::test {

// The result of a keychain job, waiting for it with an event loop (QSignalSpy::wait) at most
// timeoutMs; a job that never finished gives a failed result saying so.
inline SecretResult waitForSecret(SecretJob* job, int timeoutMs = 30000)
{
    SecretResult failed;
    if (!job) {
        failed.message = QStringLiteral("test: no keychain job");
        return failed;
    }
    QSignalSpy spy(job, &SecretJob::finished);
    if (!spy.wait(timeoutMs)) {
        failed.message = QStringLiteral("test: the keychain job did not finish within %1 ms").arg(timeoutMs);
        return failed;
    }
    return spy.at(0).at(0).value<SecretResult>();
}

} // namespace flarechat::test
