#pragma once

#include "config/Credentials.h"
#include "workersai/ModelCatalog.h"

#include <QDockWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QPlainTextEdit;
class QTableView;
class QTabWidget;
class QTextBrowser;

namespace flarechat {

class ApiKeysBox;
class RequestLogFilter;
class RequestLogModel;
class SecretStore;
class ServerController;
class Settings;

// The local API in one place, a dock beside the chat: the server's switch and its state in words
// (the address, whether other computers can reach it, what holds a port in use), the base URL,
// the keys (made, shown once, revoked), ready-to-paste snippets with the real port and key, the
// models as the server lists them, and the live request log with each request's details.
class ApiPanel final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiPanel)

public:
    // `log`: the window's request log (filled from the start, whether the panel was open or not).
    ApiPanel(Settings* settings, SecretStore* secrets, ServerController* server, RequestLogModel* log,
        const Credentials& credentials, const ModelCatalog& catalog, QWidget* parent = nullptr);
    ~ApiPanel() override;

    // What "Access settings…" does (opens the settings at the Local API page).
    void setOpenSettings(std::function<void()> open) { m_openSettings = std::move(open); }
    void setCatalog(const ModelCatalog& catalog);

    RequestLogModel* logModel() const { return m_log; }
    RequestLogFilter* logFilter() const { return m_filter; }
    QTableView* logView() const { return m_logView; }
    QTextBrowser* details() const { return m_details; }
    ApiKeysBox* keysBox() const { return m_keys; }
    QString stateText() const;
    QString snippet(int kind) const; // ApiSnippets::Kind as int

Q_SIGNALS:
    void keysChanged(); // made or revoked: the credentials should be read again

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate(); // every word, in the UI language (again on LanguageChange)
    QPushButton* copyButton(QWidget* parent, const std::function<QString()>& text);
    QWidget* createServerTab(const Credentials& credentials, SecretStore* secrets);
    QWidget* createConnectTab();
    QWidget* createLogTab();
    void updateState();
    void updateSnippets();
    void showDetails();

    Settings* m_settings;
    ServerController* m_server;
    ModelCatalog m_catalog;
    std::function<void()> m_openSettings;
    QString m_newKey; // the key just made, for the snippets while the panel lives
    QTabWidget* m_tabs = nullptr;
    QCheckBox* m_serve = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_baseUrl = nullptr;
    QLabel* m_baseUrlLabel = nullptr;
    QPushButton* m_copyUrl = nullptr;
    QPushButton* m_access = nullptr;
    QLabel* m_intro = nullptr;
    QPushButton* m_clear = nullptr;
    QList<QPushButton*> m_copyButtons;
    ApiKeysBox* m_keys = nullptr;
    QTabWidget* m_snippetTabs = nullptr;
    QList<QPlainTextEdit*> m_snippets;
    QPlainTextEdit* m_models = nullptr;
    RequestLogModel* m_log;
    RequestLogFilter* m_filter;
    QComboBox* m_statusFilter = nullptr;
    QComboBox* m_modelFilter = nullptr;
    QTableView* m_logView = nullptr;
    QTextBrowser* m_details = nullptr;
};

} // namespace flarechat
