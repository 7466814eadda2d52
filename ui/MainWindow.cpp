#include "MainWindow.h"

#include <QLabel>
#include <QVBoxLayout>

namespace flarechat {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("FlareChat"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* label = new QLabel(tr("<h2>FlareChat</h2><p>Chat with Cloudflare Workers AI.</p>"
                                "<p>Set <code>CLOUDFLARE_ACCOUNT_ID</code> and <code>CLOUDFLARE_API_TOKEN</code> "
                                "to connect.</p>"),
                             central);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    layout->addWidget(label);
    layout->addStretch(1);
    setCentralWidget(central);
    resize(900, 640);
}

} // namespace flarechat
