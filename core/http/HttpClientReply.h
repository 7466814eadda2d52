#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

namespace flarechat {

class HttpClient;
class HttpClientConnection;

// One request and its response. Signals: requestSent() once the request is written to the
// socket whole; readyRead() when the head has arrived and whenever body bytes arrive; finished()
// once, at the end of the response or on an error (then error() is set). abort() and deletion
// end the request at once and emit nothing more.
class HttpClientReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClientReply)

public:
    ~HttpClientReply() override;

    QUrl url() const { return m_url; }
    int status() const { return m_status; } // 0 until the head arrived
    QByteArray rawHeader(QByteArrayView name) const; // case-insensitive
    bool headReceived() const { return m_status != 0; }

    qint64 bytesAvailable() const { return m_body.size(); }
    QByteArray readAll();

    bool isRunning() const { return m_running; }
    bool isFinished() const { return m_finishedEmitted; }
    bool requestWasSent() const { return m_sent; }
    QNetworkReply::NetworkError error() const { return m_error; }
    QString errorString() const { return m_errorString; }

    void abort();

Q_SIGNALS:
    void requestSent();
    void readyRead();
    void finished();

private:
    friend class HttpClient;
    friend class HttpClientConnection;
    HttpClientReply(
        HttpClient* client, const QByteArray& method, const QNetworkRequest& request, const QByteArray& body);

    QPointer<HttpClient> m_client;
    QByteArray m_method;
    QNetworkRequest m_request;
    QUrl m_url;
    QByteArray m_requestBody;
    int m_redirects = 0;

    HttpClientConnection* m_connection = nullptr;
    int m_status = 0;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body; // received, not yet read
    bool m_running = true;
    bool m_sent = false;
    bool m_finishedEmitted = false;
    QNetworkReply::NetworkError m_error = QNetworkReply::NoError;
    QString m_errorString;
};

} // namespace flarechat
