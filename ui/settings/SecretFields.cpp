#include "SecretFields.h"

#include "SettingsForm.h"
#include "storage/SecretStore.h"

#include <QLineEdit>

namespace flarechat {

SecretFields::SecretFields(SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
{
}

SecretFields::~SecretFields() = default;

void SecretFields::add(const QString& secretName, QLineEdit* field, std::function<QString()> what, Text text)
{
    const int index = int(m_fields.size());
    m_fields.append({secretName, field, std::move(what), text});
    connect(field, &QLineEdit::textEdited, this, [this, index] { m_fields[index].edited = true; });
}

void SecretFields::read()
{
    for (int i = 0; i < m_fields.size(); ++i) {
        ++m_reading;
        connect(m_secrets->read(m_fields.at(i).name), &SecretJob::finished, this, [this, i](const SecretResult& r) {
            const Field& field = m_fields.at(i);
            field.edit->setPlaceholderText(QString());
            if (r.ok() && !field.edited)
                field.edit->setText(r.value);
            if (!r.ok() && r.status != SecretResult::Status::NotFound) {
                Q_EMIT readFailed(r.message);
                field.edit->setPlaceholderText(SettingsForm::tr("not available"));
            }
            if (--m_reading == 0)
                Q_EMIT loaded();
        });
    }
}

void SecretFields::write()
{
    // Counted first, so that a write answering at once does not finish the Apply early.
    m_writing = 1;
    for (int i = 0; i < m_fields.size(); ++i)
        writeOne(i);
    writeDone();
}

void SecretFields::writeOne(int index)
{
    const Field& field = m_fields.at(index);
    if (!field.edited)
        return;
    ++m_writing;
    const QString value = field.text == Text::Trimmed ? field.edit->text().trimmed() : field.edit->text();
    SecretJob* job = value.isEmpty() ? m_secrets->remove(field.name) : m_secrets->write(field.name, value);
    connect(job, &SecretJob::finished, this, [this, index](const SecretResult& r) {
        Field& field = m_fields[index];
        if (r.ok() || r.status == SecretResult::Status::NotFound)
            field.edited = false;
        else
            Q_EMIT writeFailed(field.what(), r.message);
        writeDone();
    });
}

void SecretFields::writeDone()
{
    if (--m_writing > 0)
        return;
    Q_EMIT written();
}

} // namespace flarechat
