#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("FlareChat"));
    QApplication::setOrganizationName(QStringLiteral("FlareChat"));
    QApplication::setApplicationVersion(QStringLiteral(FLARECHAT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop client for Cloudflare Workers AI"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    flarechat::MainWindow window;
    window.show();
    return app.exec();
}
