#pragma once

#include "openai/ApiError.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

#include <functional>

namespace flarechat {

// Which Cloudflare accounts have spent today's free Workers AI allocation (reference §6, §7), so
// that their requests fail at once with the insufficient_quota error until 00:00 UTC instead of
// reaching Cloudflare, except one probe at most every ProbeIntervalSeconds, which notices an
// upgrade to Workers Paid at once. One per process (EngineConfig::quota()), shared by every engine:
// the window's and the API server's run on different threads, so every call is thread-safe.
//
// An engine asks admit() before each request and reports how the request ended with exactly the
// Ticket it got: succeeded() (the account has an allocation: clears a spent one), failed() (a quota
// error marks the account spent until the next 00:00 UTC; any other error teaches nothing) or
// ended() (cancelled, or gone without an outcome: teaches nothing). Outcomes of requests admitted
// before the last change are stale and ignored: a long reply that started before the allocation ran
// out still finishes, and proves nothing about an upgrade.
class QuotaState final
{
    Q_DISABLE_COPY_MOVE(QuotaState)

public:
    using Clock = std::function<QDateTime()>;

    static constexpr int ProbeIntervalSeconds = 60;

    // One request's admission.
    struct Ticket
    {
        enum class Kind {
            Refused, // not sent: the account is spent (admit() filled the error)
            Admitted, // the account is not known to be spent
            Probe, // the account is spent; this is the one request that may find out otherwise
        };
        Kind kind = Kind::Refused;
        QString account;
        quint64 serial = 0; // orders admissions and changes
        QDateTime admittedAt; // on the state's clock

        bool isAdmitted() const { return kind != Kind::Refused; }
    };

    QuotaState();
    ~QuotaState();

    // May a request to this account (its Cloudflare account id) go out now? Refused: *error is the
    // insufficient_quota error (429, the reset time, retryAfterSeconds = seconds to it rounded up).
    Ticket admit(const QString& account, ApiError* error);
    // The request got an answer from Workers AI (its first token, or its whole reply).
    void succeeded(const Ticket& ticket);
    // The request failed with this error; only a daily-quota error (UpstreamError::isDailyQuota) counts.
    void failed(const Ticket& ticket, const ApiError& error);
    // The request ended without an outcome (cancelled, deleted): frees the probe's place, no more.
    void ended(const Ticket& ticket);

    bool isSpent(const QString& account) const;
    // When a spent account's allocation resets (the next 00:00 UTC); invalid when it is not spent.
    QDateTime resetAt(const QString& account) const;

    // The clock every decision uses; an empty one is the real UTC clock. For tests, which move time
    // by hand; it is called from any engine's thread, with the state's lock held.
    void setClock(Clock clock);
    QDateTime now() const;
    // Forgets every account (tests sharing the process's state).
    void clear();

    // Called after an account became spent or was found upgraded, on the thread whose request
    // taught it, outside the state's lock (a window posts itself an update from there).
    using Listener = std::function<void()>;
    int addListener(Listener listener); // returns the id for removeListener()
    void removeListener(int id);

private:
    struct Account
    {
        QDateTime resetAt; // spent until then; invalid: not known to be spent
        QDateTime nextProbeAt; // no probe before then
        quint64 probe = 0; // the serial of the probe in flight, 0 for none
        quint64 changed = 0; // the serial of the last change: outcomes of older tickets are stale
        int upstreamCode = 0; // Cloudflare's code for the spent allocation (3036, 4006, 0: the text only)
    };

    QDateTime nowLocked() const;
    // The account's entry with an allocation reset by now forgotten; nullptr when there is none.
    Account* liveLocked(const QString& account, const QDateTime& now);
    const Account* spentLocked(const QString& account, const QDateTime& now) const;

    void notify();

    mutable QMutex m_mutex;
    Clock m_clock;
    QMutex m_listenersMutex;
    QHash<int, Listener> m_listeners;
    int m_nextListener = 1;
    QHash<QString, Account> m_accounts;
    quint64 m_serial = 0;
};

} // namespace flarechat
