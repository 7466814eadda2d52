#include "Translations.h"

#include "storage/Settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QList>
#include <QLoggingCategory>
#include <QPointer>
#include <QTranslator>

#include <utility>

namespace flarechat {

namespace {

Q_LOGGING_CATEGORY(lcI18n, "flarechat.i18n")

// "zh-cn", " zh_CN " → "zh_CN"; empty when it is not one of Translations::languages().
QString known(const QString& name)
{
    QString n = name.trimmed();
    n.replace(QLatin1Char('-'), QLatin1Char('_'));
    for (const QString& language : Translations::languages()) {
        if (n.compare(language, Qt::CaseInsensitive) == 0)
            return language;
    }
    return {};
}

QList<QPointer<QTranslator>>& installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

void uninstallAll()
{
    for (const QPointer<QTranslator>& t : std::as_const(installed())) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    installed().clear();
}

void installOne(QTranslator* translator)
{
    QCoreApplication::installTranslator(translator);
    installed().append(translator);
}

} // namespace

QStringList Translations::languages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Translations::choose(const QString& setting, const QString& environment, const QLocale& system)
{
    if (const QString fromEnvironment = known(environment); !fromEnvironment.isEmpty())
        return fromEnvironment;
    if (const QString fromSetting = known(setting); !fromSetting.isEmpty())
        return fromSetting;
    // The user's languages in order of preference ("ja-JP", "zh-CN", "en-US"): the first we have.
    for (const QString& tag : system.uiLanguages()) {
        const QLocale locale(tag);
        if (locale.language() == QLocale::English)
            return QStringLiteral("en");
        if (locale.language() == QLocale::Chinese && locale.script() == QLocale::SimplifiedHanScript)
            return QStringLiteral("zh_CN");
    }
    return QStringLiteral("en");
}

QString Translations::choose(const Settings& settings)
{
    return choose(
        settings.value(Settings::Key::Language).toString(), qEnvironmentVariable("FLARECHAT_LANG"), QLocale::system());
}

QString Translations::resourcePath(const QString& language)
{
    return QStringLiteral(":/i18n/flarechat_%1.qm").arg(language);
}

static QString& lastLoaded()
{
    static QString path;
    return path;
}

QString Translations::installedDirectory()
{
    // FLARECHAT_TRANSLATIONS_FROM_BIN: the install rules' path from the binary's folder to the
    // translations folder (CMake's GNUInstallDirs, "../share/flarechat/translations").
    return QDir::cleanPath(
        QCoreApplication::applicationDirPath() + QLatin1Char('/') + QStringLiteral(FLARECHAT_TRANSLATIONS_FROM_BIN));
}

QString Translations::loadedFrom()
{
    return lastLoaded();
}

bool Translations::install(const QString& language)
{
    if (!QCoreApplication::instance()) {
        qCWarning(lcI18n) << "no application to install translations on";
        return false;
    }
    uninstallAll();
    lastLoaded().clear();
    if (language == QLatin1String("en"))
        return true; // the source language

    // Qt's own strings (OK, Cancel, file dialogs, context menus, the command line's help): the
    // installed Qt's, whose version matches the running library, else the copy embedded at build time.
    auto* qt = new QTranslator(QCoreApplication::instance());
    const QString qtName = QStringLiteral("qtbase_") + language;
    if (qt->load(qtName, QLibraryInfo::path(QLibraryInfo::TranslationsPath))
        || qt->load(qtName, QStringLiteral(":/i18n"))) {
        installOne(qt);
    } else {
        qCInfo(lcI18n) << "no" << qtName << "translation: Qt's standard dialogs stay in English";
        delete qt;
    }

    auto* own = new QTranslator(QCoreApplication::instance());
    const QString installed = installedDirectory() + QStringLiteral("/flarechat_") + language + QStringLiteral(".qm");
    for (const QString& path : {installed, resourcePath(language)}) {
        if (QFile::exists(path) && own->load(path)) {
            lastLoaded() = path;
            installOne(own);
            return true;
        }
    }
    qCWarning(lcI18n) << "cannot load" << installed << "or" << resourcePath(language);
    delete own;
    lastLoaded().clear();
    return false;
}

} // namespace flarechat
