#include "HeadlessKeychain.h"

#include "ExitCode.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace flarechat::cli {

namespace {
class HeadlessKeychain
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::cli::HeadlessKeychain)
};
} // namespace

SecretResult awaitSecret(SecretJob* job)
{
    SecretResult result;
    result.message = HeadlessKeychain::tr("The keychain job was lost.");
    if (!job)
        return result;
    QEventLoop loop;
    QObject::connect(job, &SecretJob::finished, &loop, [&](const SecretResult& r) {
        result = r;
        loop.quit();
    });
    QObject::connect(job, &QObject::destroyed, &loop, &QEventLoop::quit); // its store went away
    loop.exec();
    return result;
}

LocalKeysJob::Result awaitKeys(LocalKeysJob* job)
{
    LocalKeysJob::Result result;
    result.outcome = LocalKeysJob::Outcome::ReadFailed;
    result.message = HeadlessKeychain::tr("The keychain job was lost.");
    if (!job)
        return result;
    QEventLoop loop;
    QObject::connect(job, &LocalKeysJob::finished, &loop, [&](const LocalKeysJob::Result& r) {
        result = r;
        loop.quit();
    });
    QObject::connect(job, &QObject::destroyed, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

QString readSecret(SecretStore& store, const QString& key)
{
    const SecretResult r = awaitSecret(store.read(key));
    static bool reported = false;
    if (!r.ok() && r.status != SecretResult::Status::NotFound && !reported) {
        reported = true;
        const QString why = r.status == SecretResult::Status::AccessDenied
            ? HeadlessKeychain::tr("access to the keychain was denied")
            : r.status == SecretResult::Status::TimedOut ? HeadlessKeychain::tr("the keychain did not answer in time")
                                                         : HeadlessKeychain::tr("no keychain answered");
        err(HeadlessKeychain::tr("flarechat: warning: %1; going on without the secrets stored there (--no-keychain "
                                 "skips the keychain)")
                .arg(why));
    }
    return r.ok() ? r.value : QString();
}

} // namespace flarechat::cli
