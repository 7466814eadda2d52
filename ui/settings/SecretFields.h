#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QLineEdit;

namespace flarechat {

class SecretStore;

// The settings fields whose values live in the keychain, not in the settings file: the API
// token, the gateway token and the proxy password. read() fills each when the keychain answers,
// unless the user typed in it meanwhile; write() stores (or, emptied, removes) only the fields
// the user edited, so an Apply never rewrites a secret nobody touched.
class SecretFields final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretFields)

public:
    enum class Text { AsTyped, Trimmed }; // what write() stores of the field's text

    explicit SecretFields(SecretStore* secrets, QObject* parent = nullptr);
    ~SecretFields() override;

    // `what` names the secret in a failure ("The API token"), in the language in use when it
    // fails. Read and written in this order.
    void add(const QString& secretName, QLineEdit* field, std::function<QString()> what, Text text);

    void read(); // readFailed() for each failure, then loaded() once every field has its answer
    bool isReading() const { return m_reading > 0; }
    void write(); // writeFailed() for each failure, then written() (also when nothing was edited)
    bool isWriting() const { return m_writing > 0; }

Q_SIGNALS:
    void readFailed(const QString& message);
    void loaded();
    void writeFailed(const QString& what, const QString& message);
    void written();

private:
    struct Field
    {
        QString name;
        QLineEdit* edit;
        std::function<QString()> what;
        Text text;
        bool edited = false;
    };

    void writeOne(int index);
    void writeDone();

    SecretStore* m_secrets;
    QList<Field> m_fields;
    int m_reading = 0;
    int m_writing = 0;
};

} // namespace flarechat
