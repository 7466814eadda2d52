#pragma once

#include <QMainWindow>

namespace flarechat {

// The top-level window. For now it shows the built-in model catalog; the chat transcript,
// conversation list and composer arrive with the desktop chat work.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace flarechat
