// A new language applies at once: after the language is changed in the settings (Appearance, Apply),
// every word the window shows — menus, toolbar, sidebar, chat, composer, status bar, the open settings
// dialog and the Local API panel, hidden parts included — is in the new language. The sweep reads the
// .ts file: any text left that is one of its English sources with a different translation is a word
// that did not follow, and is named in the failure.
#include "LanguageChange.h"
#include "MainWindow.h"
#include "Translations.h"
#include "TsFile.h"
#include "WindowFixture.h"
#include "chat/ChatPane.h"
#include "server/ApiPanel.h"
#include "settings/SettingsDialog.h"
#include "setup/SetupPage.h"
#include "storage/Settings.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTextEdit>
#include <QtTest>

#ifndef FLARECHAT_SOURCE_DIR
#error "FLARECHAT_SOURCE_DIR must name the source tree"
#endif

using namespace flarechat;
using flarechat::test::readTs;
using flarechat::test::TsMessage;
using flarechat::test::WindowFixture;

namespace {

const QString kTsPath = QStringLiteral(FLARECHAT_SOURCE_DIR "/resources/translations/flarechat_zh_CN.ts");

// The English sources the .ts translates into something else, as patterns matching a whole text
// (placeholders match anything; a source that is nothing but placeholders and punctuation is left out).
struct EnglishWords
{
    QSet<QString> exact;
    QList<QPair<QRegularExpression, QString>> patterns; // pattern, its source

    static EnglishWords from(const QList<TsMessage>& messages)
    {
        EnglishWords words;
        static const QRegularExpression placeholder(QStringLiteral("%(\\d+|n)"));
        for (const TsMessage& m : messages) {
            if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
                continue;
            if (m.translations.isEmpty() || m.translations.contains(m.source))
                continue; // the same in both languages ("FlareChat", "简体中文")
            QString letters = m.source;
            letters.remove(placeholder);
            if (!letters.contains(QRegularExpression(QStringLiteral("[A-Za-z]{2}"))))
                continue;
            if (!m.source.contains(placeholder)) {
                words.exact.insert(m.source);
                words.exact.insert(QString(m.source).remove(QLatin1Char('&')));
                continue;
            }
            QString pattern;
            qsizetype last = 0;
            for (auto it = placeholder.globalMatch(m.source); it.hasNext();) {
                const QRegularExpressionMatch match = it.next();
                pattern += QRegularExpression::escape(m.source.mid(last, match.capturedStart() - last));
                pattern += QStringLiteral(".*");
                last = match.capturedEnd();
            }
            pattern += QRegularExpression::escape(m.source.mid(last));
            words.patterns.append({QRegularExpression(QRegularExpression::anchoredPattern(pattern),
                                       QRegularExpression::DotMatchesEverythingOption),
                m.source});
        }
        return words;
    }

    // The source `text` is, or an empty string.
    QString sourceOf(const QString& text) const
    {
        const QString plain = text.trimmed();
        if (plain.isEmpty())
            return {};
        if (exact.contains(plain) || exact.contains(QString(plain).remove(QLatin1Char('&'))))
            return plain;
        for (const auto& [pattern, source] : patterns) {
            if (pattern.match(plain).hasMatch())
                return source;
        }
        return {};
    }
};

// Every text a user can see or hear (tooltips, accessible names and descriptions) in `root` and
// its children, hidden ones included, each with where it was found.
QList<QPair<QString, QString>> textsIn(QWidget* root)
{
    QList<QPair<QString, QString>> texts;
    const auto add = [&texts](const QObject* where, const char* what, const QString& text) {
        if (!text.trimmed().isEmpty()) {
            const QString name = where->objectName().isEmpty() ? QString::fromLatin1(where->metaObject()->className())
                                                               : where->objectName();
            texts.append({text, QStringLiteral("%1 %2").arg(name, QLatin1String(what))});
        }
    };
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : std::as_const(widgets)) {
        if (w->isWindow())
            add(w, "windowTitle", w->windowTitle());
        add(w, "toolTip", w->toolTip());
        add(w, "accessibleName", w->accessibleName());
        add(w, "accessibleDescription", w->accessibleDescription());
        add(w, "whatsThis", w->whatsThis());
        if (auto* label = qobject_cast<QLabel*>(w))
            add(w, "text", label->text());
        if (auto* button = qobject_cast<QAbstractButton*>(w))
            add(w, "text", button->text());
        if (auto* edit = qobject_cast<QLineEdit*>(w))
            add(w, "placeholderText", edit->placeholderText());
        if (auto* edit = qobject_cast<QPlainTextEdit*>(w))
            add(w, "placeholderText", edit->placeholderText());
        if (auto* edit = qobject_cast<QTextEdit*>(w))
            add(w, "placeholderText", edit->placeholderText());
        if (auto* box = qobject_cast<QGroupBox*>(w))
            add(w, "title", box->title());
        if (auto* menu = qobject_cast<QMenu*>(w))
            add(w, "title", menu->title());
        if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                add(w, "tabText", tabs->tabText(i));
                add(w, "tabToolTip", tabs->tabToolTip(i));
            }
        }
        if (auto* combo = qobject_cast<QComboBox*>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                add(w, "itemText", combo->itemText(i));
        }
        if (auto* header = qobject_cast<QHeaderView*>(w); header && header->model()) {
            for (int i = 0; i < header->count(); ++i)
                add(w, "header", header->model()->headerData(i, header->orientation()).toString());
        }
        for (const QAction* action : w->actions()) {
            add(action, "text", action->text());
            add(action, "iconText", action->iconText());
            add(action, "toolTip", action->toolTip());
            add(action, "statusTip", action->statusTip());
        }
    }
    return texts;
}

// "source (where)" for each English text left in `roots`.
QStringList englishLeft(const EnglishWords& words, const QList<QWidget*>& roots)
{
    QStringList left;
    for (QWidget* root : roots) {
        const QList<QPair<QString, QString>> texts = textsIn(root);
        for (const auto& [text, where] : texts) {
            if (const QString source = words.sourceOf(text); !source.isEmpty())
                left << QStringLiteral("\"%1\" (%2)").arg(text.left(70), where);
        }
    }
    left.removeDuplicates();
    return left;
}

// Each one on a line of its own (a failure's message is cut short).
void report(const QStringList& left)
{
    for (const QString& l : left)
        qWarning().noquote() << "still English:" << l;
}

// Qt posts LanguageChange to each window: the words follow once those events are delivered, as
// they are for a user the moment the event loop runs.
void settle()
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

} // namespace

class TestLanguageSwitch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void sweepSeesEnglish();
    void setupPageSwitches();
    void windowAndOpenDialogsSwitch();

private:
    EnglishWords m_words;
};

void TestLanguageSwitch::initTestCase()
{
    QString error;
    const QList<TsMessage> messages = readTs(kTsPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_words = EnglishWords::from(messages);
    QVERIFY(m_words.exact.size() > 100);
    QVERIFY(Translations::install(QStringLiteral("en")));
}

void TestLanguageSwitch::cleanup()
{
    QVERIFY(Translations::install(QStringLiteral("en")));
}

// The sweep can fail: in English, the window is full of the .ts's sources.
void TestLanguageSwitch::sweepSeesEnglish()
{
    WindowFixture f;
    QVERIFY2(f.start(), qPrintable(f.error));
    f.settings->setValue(Settings::Key::Language, QStringLiteral("en"));
    const QStringList left = englishLeft(m_words, {f.window.get()});
    QVERIFY2(left.size() > 20, qPrintable(left.join(QLatin1Char('\n'))));
    QVERIFY(left.join(QLatin1Char('\n')).contains(QLatin1String("newChatButton text")));
}

void TestLanguageSwitch::setupPageSwitches()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Settings settings(dir.filePath(QStringLiteral("flarechat.ini")));
    settings.setValue(Settings::Key::Language, QStringLiteral("en"));
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY2(store.open(), qPrintable(store.lastError()));
    MainWindow window(&settings, &store);
    window.loadCredentials({}, QProcessEnvironment()); // nothing anywhere: the setup page
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.setupPage() && window.setupPage()->isVisible());
    QVERIFY(!englishLeft(m_words, {window.setupPage()}).isEmpty());

    settings.setValue(Settings::Key::Language, QStringLiteral("zh_CN"));
    settle();
    const QStringList left = englishLeft(m_words, {&window});
    report(left);
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still English:\n") + left.join(QLatin1Char('\n'))));
}

void TestLanguageSwitch::windowAndOpenDialogsSwitch()
{
    WindowFixture f;
    QVERIFY2(f.start(), qPrintable(f.error));
    f.settings->setValue(Settings::Key::Language, QStringLiteral("en"));
    MainWindow* window = f.window.get();
    ApiPanel* panel = window->showApiPanel();
    QVERIFY(panel);
    SettingsDialog* dialog = window->openSettings();
    QVERIFY(dialog);
    QTRY_VERIFY(!dialog->isBusy());

    dialog->showPage(SettingsDialog::Page::Appearance);
    auto* language = dialog->findChild<QComboBox*>(QStringLiteral("language"));
    QVERIFY(language);
    const int chinese = language->findData(QStringLiteral("zh_CN"));
    QVERIFY(chinese >= 0);
    language->setCurrentIndex(chinese);
    auto* buttons = dialog->findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    buttons->button(QDialogButtonBox::Apply)->click();
    QTRY_VERIFY(!dialog->isBusy());
    QCOMPARE(f.settings->value(Settings::Key::Language).toString(), QStringLiteral("zh_CN"));
    settle();

    QList<QWidget*> roots {window, dialog, panel};
    for (QMenu* menu : window->findChildren<QMenu*>())
        roots << menu;
    const QStringList left = englishLeft(m_words, roots);
    report(left);
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still English:\n") + left.join(QLatin1Char('\n'))));
    QVERIFY(!buttons->button(QDialogButtonBox::Apply)->text().contains(QLatin1String("Apply"))); // Qt's own words too

    // And back: nothing Chinese stays behind in the menus.
    f.settings->setValue(Settings::Key::Language, QStringLiteral("en"));
    settle();
    QCOMPARE(window->menuBar()->actions().constFirst()->text(), QStringLiteral("&File"));
}

QTEST_MAIN(TestLanguageSwitch)
#include "tst_languageswitch.moc"
