// fake-tray-host: a desktop's tray and notification daemon, as far as a Qt application sees them
// on the D-Bus session bus. It owns org.kde.StatusNotifierWatcher (with a host registered, the
// condition Qt's Unix platform themes check before they make a D-Bus tray icon) and
// org.freedesktop.Notifications (where Qt's D-Bus tray icon sends showMessage()). It prints one
// line per event on stdout, for the test that started it:
//   ready                   both names are owned
//   item <service>          a StatusNotifierItem registered (the service to call it at)
//   gone <service>          that item's connection went away
//   notify <summary>\t<body>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusServiceWatcher>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

#include <cstdio>

namespace {

void say(const QString& line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

class Watcher final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.StatusNotifierWatcher")
    Q_PROPERTY(bool IsStatusNotifierHostRegistered READ isHostRegistered)
    Q_PROPERTY(int ProtocolVersion READ protocolVersion)
    Q_PROPERTY(QStringList RegisteredStatusNotifierItems READ items)

public:
    explicit Watcher(const QDBusConnection& bus)
        : m_watcher(QString(), bus, QDBusServiceWatcher::WatchForUnregistration)
    {
        connect(&m_watcher, &QDBusServiceWatcher::serviceUnregistered, this, [this](const QString& service) {
            m_items.removeAll(service);
            m_watcher.removeWatchedService(service);
            say(QStringLiteral("gone ") + service);
            Q_EMIT StatusNotifierItemUnregistered(service);
        });
    }

    bool isHostRegistered() const { return true; }
    int protocolVersion() const { return 0; }
    QStringList items() const { return m_items; }

public Q_SLOTS:
    void RegisterStatusNotifierItem(const QString& service, const QDBusMessage& message)
    {
        // The specification allows a path instead of a service: then the caller is the service.
        const QString name = service.startsWith(QLatin1Char('/')) ? message.service() : service;
        if (!m_items.contains(name)) {
            m_items.append(name);
            m_watcher.addWatchedService(name);
        }
        say(QStringLiteral("item ") + name);
        Q_EMIT StatusNotifierItemRegistered(name);
    }
    void RegisterStatusNotifierHost(const QString&) { }

Q_SIGNALS:
    void StatusNotifierItemRegistered(const QString& service);
    void StatusNotifierItemUnregistered(const QString& service);
    void StatusNotifierHostRegistered();

private:
    QDBusServiceWatcher m_watcher;
    QStringList m_items;
};

class Notifications final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public Q_SLOTS:
    uint Notify(const QString& application, uint replaces, const QString& icon, const QString& summary,
        const QString& body, const QStringList& actions, const QVariantMap& hints, int timeout)
    {
        Q_UNUSED(application);
        Q_UNUSED(icon);
        Q_UNUSED(actions);
        Q_UNUSED(hints);
        Q_UNUSED(timeout);
        say(QStringLiteral("notify %1\t%2").arg(summary, body).replace(QLatin1Char('\n'), QLatin1Char(' ')));
        return replaces ? replaces : ++m_last;
    }
    QStringList GetCapabilities() const { return {QStringLiteral("body")}; }
    void CloseNotification(uint id) { Q_EMIT NotificationClosed(id, 3); }

Q_SIGNALS:
    void NotificationClosed(uint id, uint reason);
    void ActionInvoked(uint id, const QString& action);

private:
    uint m_last = 0;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        std::fputs("fake-tray-host: no D-Bus session bus\n", stderr);
        return 1;
    }
    Watcher watcher(bus);
    Notifications notifications;
    const auto exports
        = QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals | QDBusConnection::ExportAllProperties;
    if (!bus.registerObject(QStringLiteral("/StatusNotifierWatcher"), &watcher, exports)
        || !bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &notifications, exports)
        || !bus.registerService(QStringLiteral("org.kde.StatusNotifierWatcher"))
        || !bus.registerService(QStringLiteral("org.freedesktop.Notifications"))) {
        std::fprintf(stderr, "fake-tray-host: %s\n", qPrintable(bus.lastError().message()));
        return 1;
    }
    say(QStringLiteral("ready"));
    return app.exec();
}

#include "fake_tray_host_main.moc"
