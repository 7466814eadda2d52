#include "cli/ModelsCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace flarechat;

// `flarechat models`: every model with its plan, retired ones with what answers them now.
class TestModelsCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableShowsPlanAndRetirement();
    void jsonCarriesPlanAndDeprecation();
};

static QString rowOf(const QString& table, const QString& id)
{
    for (const QString& line : table.split(QLatin1Char('\n'))) {
        if (line.contains(QLatin1Char(' ') + id + QLatin1Char(' ')))
            return line;
    }
    return {};
}

void TestModelsCommand::tableShowsPlanAndRetirement()
{
    const QString table = cli::ModelsCommand::table(ModelCatalog::builtIn());
    QVERIFY(table.startsWith(QLatin1String("ALIAS")));
    QVERIFY(table.section(QLatin1Char('\n'), 0, 0).contains(QLatin1String("PLAN")));
    const QString kimi = rowOf(table, QStringLiteral("@cf/moonshotai/kimi-k2.6"));
    QVERIFY2(kimi.contains(QLatin1String(" paid ")), qPrintable(kimi));
    const QString gemma4 = rowOf(table, QStringLiteral("@cf/google/gemma-4-26b-a4b-it"));
    QVERIFY2(gemma4.contains(QLatin1String(" free ")), qPrintable(gemma4));
    const QString gemma3 = rowOf(table, QStringLiteral("@cf/google/gemma-3-12b-it"));
    QVERIFY2(
        gemma3.contains(QLatin1String("retired 2026-05-30, now @cf/google/gemma-4-26b-a4b-it")), qPrintable(gemma3));
}

void TestModelsCommand::jsonCarriesPlanAndDeprecation()
{
    const QJsonArray models = QJsonDocument::fromJson(cli::ModelsCommand::json(ModelCatalog::builtIn())).array();
    QVERIFY(models.size() > 30);
    bool sawPaid = false;
    bool sawRetired = false;
    for (const QJsonValue& v : models) {
        const QJsonObject m = v.toObject();
        QVERIFY(m.contains(QLatin1String("paid_only")));
        if (m.value(QLatin1String("id")).toString() == QLatin1String("@cf/zai-org/glm-5.3")) {
            sawPaid = m.value(QLatin1String("paid_only")).toBool();
            QCOMPARE(m.value(QLatin1String("context_window")).toInt(), 1048576);
        }
        if (m.value(QLatin1String("id")).toString() == QLatin1String("@cf/google/gemma-3-12b-it")) {
            sawRetired = m.value(QLatin1String("deprecation_date")).toString() == QLatin1String("2026-05-30")
                && m.value(QLatin1String("replacement")).toString() == QLatin1String("@cf/google/gemma-4-26b-a4b-it");
        }
    }
    QVERIFY(sawPaid);
    QVERIFY(sawRetired);
}

QTEST_GUILESS_MAIN(TestModelsCommand)
#include "tst_modelscommand.moc"
