#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QObject>
#include <QTimer>

namespace flarechat {

// A reply that waits because Workers AI said today's free allocation is used up. Instead of an
// error the question stays as it is and the reply goes out by itself: at the reset (00:00 UTC),
// or sooner if a try once a minute finds Workers AI answering again (the account was upgraded).
// A try is one real request only when the QuotaState lets a probe out; otherwise it is refused
// at once, without Cloudflare. Nothing ticks without a held reply.
class QuotaHold final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuotaHold)

public:
    static constexpr int TryIntervalMs = 61 * 1000; // just after the quota state's next probe

    struct Held
    {
        qint64 conversation = 0;
        qint64 parentId = 0; // the question the reply answers
    };

    explicit QuotaHold(QObject* parent = nullptr);
    ~QuotaHold() override;

    // Holds the reply until `until` (the allocation's reset, UTC).
    void hold(const Held& held, const QDateTime& until);
    // Returns what is held, to try it now; the hold ends unless hold() is called again, and
    // settle() says so after the try (so a refused try does not flash the window's banner).
    Held take();
    void settle();
    void cancel();

    bool isActive() const { return m_active; }
    const Held& held() const { return m_held; }
    QDateTime until() const { return m_until; }

Q_SIGNALS:
    void due(); // time to try again
    void changed(bool active, const QDateTime& until);

private:
    Held m_held;
    QDateTime m_until;
    bool m_active = false;
    bool m_taken = false;
    QTimer m_try;
    QTimer m_reset;
};

} // namespace flarechat
