#include "StartupBox.h"

#include "SettingsForm.h"
#include "tray/Autostart.h"

#include <QCheckBox>
#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace flarechat {

StartupBox::StartupBox(const QString& autostartLocation, QWidget* parent)
    : QGroupBox(parent)
    , m_location(autostartLocation)
    , m_atLogin(new QCheckBox(this))
    , m_hint(new QLabel(this))
    , m_error(SettingsForm::errorLabel(QStringLiteral("autostartError")))
{
    setObjectName(QStringLiteral("startupBox"));
    m_atLogin->setObjectName(QStringLiteral("startAtLogin"));
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_atLogin);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);
    retranslate();
}

StartupBox::~StartupBox() = default;

void StartupBox::retranslate()
{
    setTitle(tr("Startup"));
    m_atLogin->setText(tr("Start FlareChat when I &log in"));
    m_hint->setText(tr("It starts in the background: in the tray when the local API server is on, otherwise "
                       "minimized. The server itself starts with FlareChat whenever its switch (Local API) is on."));
    m_atLogin->setAccessibleDescription(m_hint->text());
}

void StartupBox::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

void StartupBox::load()
{
    m_atLogin->setChecked(Autostart(m_location).isEnabled());
    m_error->hide();
}

bool StartupBox::save()
{
    const Autostart autostart(m_location);
    if (m_atLogin->isChecked() == autostart.isEnabled())
        return true;
    QString error;
    if (!autostart.setEnabled(m_atLogin->isChecked(), &error)) {
        SettingsForm::showErrors(m_error, {tr("Starting at login could not be changed: %1").arg(error)});
        return false;
    }
    m_error->hide();
    return true;
}

} // namespace flarechat
