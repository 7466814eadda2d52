#pragma once

// What every window test sets up (header-only: only the UI tests, which link the UI library,
// include it): a temporary folder with a settings file and a conversation database, the fake
// Workers AI server, and a MainWindow pointed at the fake, shown.

#include "FakeWorkersAi.h"
#include "MainWindow.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace flarechat::test {

struct WindowFixture
{
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<FakeWorkersAi> fake;
    std::unique_ptr<ConversationStore> store;
    std::unique_ptr<MainWindow> window;
    QString error; // why start() or openWindow() failed

    QString dbPath() const { return dir->filePath(QStringLiteral("conversations.sqlite")); }

    // Folder, settings, fake, then openWindow(). False (and `error`) if any of it failed.
    bool start()
    {
        dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid())
            return fail(QStringLiteral("no temporary folder"));
        settings = std::make_unique<Settings>(dir->filePath(QStringLiteral("flarechat.ini")));
        fake = std::make_unique<FakeWorkersAi>();
        if (!fake->listen())
            return fail(QStringLiteral("the fake Workers AI server could not listen"));
        return openWindow();
    }

    // The store on dbPath() and a window on it (again, after closeWindow(): a restart).
    bool openWindow()
    {
        store = std::make_unique<ConversationStore>(dbPath());
        if (!store->open())
            return fail(store->lastError());
        window = std::make_unique<MainWindow>(settings.get(), store.get());
        window->setEndpoint(fake->endpoint());
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return fail(QStringLiteral("the window was not exposed"));
        return true;
    }

    void closeWindow()
    {
        window.reset();
        store.reset();
    }

    void stop()
    {
        closeWindow();
        fake.reset();
        settings.reset();
        dir.reset();
    }

private:
    bool fail(const QString& why)
    {
        error = why;
        return false;
    }
};

} // namespace flarechat::test
