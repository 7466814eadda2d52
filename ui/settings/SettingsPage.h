#pragma once

#include <QIcon>
#include <QString>
#include <QStringList>

class QWidget;

namespace flarechat {

// One page of the settings window, as KeePassXC's ISettingsPage is: the dialog knows pages only
// through this, in its Page order, and loads, checks, saves and shows the errors of each in a
// loop. A page reads and writes Settings itself; the rules it checks come from core (AccessPolicy,
// Endpoint, ModelCatalog), the page only words them. Its words follow the language at once.
class SettingsPage
{
public:
    virtual ~SettingsPage() = default;

    virtual QString title() const = 0; // the tab's text, in the language now in use
    virtual QIcon icon() const { return {}; }
    virtual QWidget* widget() = 0; // the page itself

    virtual void load() = 0; // the fields from the settings
    virtual QStringList problems() const { return {}; } // why Apply must refuse; empty when fine
    virtual void save() = 0; // the fields to the settings, unsynced
    virtual void showErrors(const QStringList& errors) { Q_UNUSED(errors) } // under the page
    virtual QString errorText() const { return {}; } // what the page's red line says now
    virtual bool isBusy() const { return false; } // a keychain job of its own is running
};

} // namespace flarechat
