#include "PlainTextFallback.h"

#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QAbstractButton>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>

namespace flarechat {

void PlainTextFallback::enable(SecretStore* secrets, Settings* settings)
{
    settings->setValue(Settings::Key::SecretsInSettingsFile, true);
    settings->sync();
    secrets->useSettingsFileIfAgreed(*settings);
}

void PlainTextFallback::restore(SecretStore* secrets, Settings* settings)
{
    secrets->useSettingsFileIfAgreed(*settings);
}

QMessageBox* PlainTextFallback::question(QWidget* parent, const QString& settingsPath, const QString& why)
{
    auto* box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("plainTextQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("No Keychain"));
    box->setText(tr("No keychain answered, so FlareChat cannot store your API token encrypted."));
    box->setInformativeText(
        tr("It can keep the token unencrypted in its settings file, %1, where anyone who can read your files can "
           "read it. If you don't save it, the token works until you quit FlareChat, and the next start asks for "
           "it again.")
            .arg(QDir::toNativeSeparators(settingsPath)));
    if (!why.isEmpty())
        box->setDetailedText(why);
    QPushButton* keep = box->addButton(tr("Keep It in the Settings File"), QMessageBox::YesRole);
    keep->setObjectName(QStringLiteral("keepInSettingsFile"));
    QPushButton* dont = box->addButton(tr("Don't Save It"), QMessageBox::NoRole);
    dont->setObjectName(QStringLiteral("dontSave"));
    box->setDefaultButton(dont);
    box->setEscapeButton(dont);
    return box;
}

bool PlainTextFallback::agreed(QMessageBox* box)
{
    return box && box->clickedButton() && box->buttonRole(box->clickedButton()) == QMessageBox::YesRole;
}

} // namespace flarechat
