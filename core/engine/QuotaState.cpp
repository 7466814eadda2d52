#include "QuotaState.h"

#include "workersai/UpstreamError.h"

namespace flarechat {

namespace {

// What a refusal adds to the insufficient_quota message: that Cloudflare was not asked, and why
// asking again soon is no use.
QString heldDetail()
{
    return QStringLiteral("FlareChat did not send this request: it holds this Cloudflare account's requests until "
                          "then, and sends one every %1 seconds to notice an upgrade to the Workers Paid plan.")
        .arg(QuotaState::ProbeIntervalSeconds);
}

} // namespace

QuotaState::QuotaState() = default;

QuotaState::~QuotaState() = default;

QDateTime QuotaState::nowLocked() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

QuotaState::Account* QuotaState::liveLocked(const QString& account, const QDateTime& now)
{
    const auto it = m_accounts.find(account);
    if (it == m_accounts.end())
        return nullptr;
    Account& a = *it;
    if (a.resetAt.isValid() && now >= a.resetAt) {
        // A new day, a new allocation. A quota error still on its way from before midnight cannot
        // mark the new day spent: failed() dates it by its request's admission.
        a = Account {};
        a.changed = ++m_serial;
    }
    return &a;
}

const QuotaState::Account* QuotaState::spentLocked(const QString& account, const QDateTime& now) const
{
    const auto it = m_accounts.constFind(account);
    if (it == m_accounts.constEnd() || !it->resetAt.isValid() || now >= it->resetAt)
        return nullptr;
    return &*it;
}

QuotaState::Ticket QuotaState::admit(const QString& account, ApiError* error)
{
    const QMutexLocker lock(&m_mutex);
    const QDateTime now = nowLocked();
    Account* a = liveLocked(account, now);
    Ticket t;
    t.account = account;
    t.admittedAt = now;
    t.serial = ++m_serial; // after any change liveLocked() made: this ticket's outcome counts
    if (!a || !a->resetAt.isValid()) {
        t.kind = Ticket::Kind::Admitted;
        return t;
    }
    if (a->probe == 0 && now >= a->nextProbeAt) {
        t.kind = Ticket::Kind::Probe;
        a->probe = t.serial;
        a->nextProbeAt = now.addSecs(ProbeIntervalSeconds);
        return t;
    }
    t.kind = Ticket::Kind::Refused;
    if (error)
        *error = UpstreamError::dailyQuota(now, heldDetail(), a->upstreamCode);
    return t;
}

void QuotaState::succeeded(const Ticket& ticket)
{
    if (!ticket.isAdmitted())
        return;
    {
        const QMutexLocker lock(&m_mutex);
        Account* a = liveLocked(ticket.account, nowLocked());
        if (!a)
            return;
        if (a->probe == ticket.serial)
            a->probe = 0;
        if (ticket.serial <= a->changed || !a->resetAt.isValid())
            return; // admitted before the account was known spent: proves nothing about an upgrade
        // Workers AI answered this account after its allocation was spent: it has been upgraded.
        *a = Account {};
        a->changed = ++m_serial;
    }
    notify();
}

void QuotaState::failed(const Ticket& ticket, const ApiError& error)
{
    if (!ticket.isAdmitted())
        return;
    if (!UpstreamError::isDailyQuota(error)) {
        ended(ticket); // a 401, a paid-only model, the network: nothing about the allocation
        return;
    }
    {
        const QMutexLocker lock(&m_mutex);
        const QDateTime now = nowLocked();
        Account* a = liveLocked(ticket.account, now);
        if (a && a->probe == ticket.serial)
            a->probe = 0;
        if (a && ticket.serial <= a->changed)
            return; // sent before the last change (an upgrade seen since, or already marked)
        // Spent until the midnight after the request went out, which may have passed meanwhile.
        const QDateTime reset = UpstreamError::quotaResetAt(ticket.admittedAt);
        if (now >= reset)
            return;
        if (!a)
            a = &m_accounts[ticket.account];
        const bool wasSpent = a->resetAt.isValid();
        a->resetAt = reset;
        a->upstreamCode = error.upstreamCode;
        a->nextProbeAt = now.addSecs(ProbeIntervalSeconds); // this request was the last look
        a->changed = ++m_serial;
        if (wasSpent)
            return;
    }
    notify();
}

void QuotaState::ended(const Ticket& ticket)
{
    if (ticket.kind != Ticket::Kind::Probe)
        return;
    const QMutexLocker lock(&m_mutex);
    const auto it = m_accounts.find(ticket.account);
    if (it != m_accounts.end() && it->probe == ticket.serial)
        it->probe = 0; // the next probe still waits for nextProbeAt: at most one a minute
}

bool QuotaState::isSpent(const QString& account) const
{
    const QMutexLocker lock(&m_mutex);
    return spentLocked(account, nowLocked()) != nullptr;
}

QDateTime QuotaState::resetAt(const QString& account) const
{
    const QMutexLocker lock(&m_mutex);
    const Account* a = spentLocked(account, nowLocked());
    return a ? a->resetAt : QDateTime();
}

void QuotaState::setClock(Clock clock)
{
    const QMutexLocker lock(&m_mutex);
    m_clock = std::move(clock);
}

QDateTime QuotaState::now() const
{
    const QMutexLocker lock(&m_mutex);
    return nowLocked();
}

void QuotaState::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_accounts.clear();
}

int QuotaState::addListener(Listener listener)
{
    const QMutexLocker lock(&m_listenersMutex);
    const int id = m_nextListener++;
    m_listeners.insert(id, std::move(listener));
    return id;
}

void QuotaState::removeListener(int id)
{
    const QMutexLocker lock(&m_listenersMutex);
    m_listeners.remove(id);
}

void QuotaState::notify()
{
    QList<Listener> listeners;
    {
        const QMutexLocker lock(&m_listenersMutex);
        listeners = m_listeners.values();
    }
    for (const Listener& listener : listeners)
        listener();
}

} // namespace flarechat
