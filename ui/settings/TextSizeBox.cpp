#include "TextSizeBox.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>

namespace flarechat {

namespace {
constexpr int kSizes[] = {9, 10, 11, 12, 13, 14, 16, 18, 20, 24};
constexpr int kMin = 6;
constexpr int kMax = 72;
} // namespace

TextSizeBox::TextSizeBox(QWidget* parent)
    : QComboBox(parent)
    , m_label(new QLabel(parent)) // the form takes both into the page
{
    setObjectName(QStringLiteral("textSize"));
    m_label->setBuddy(this);
    addItem(QString(), 0);
    for (const int size : kSizes)
        addItem(QString(), size);
    retranslate();
}

TextSizeBox::~TextSizeBox() = default;

int TextSizeBox::points() const
{
    return currentData().toInt();
}

void TextSizeBox::setPoints(int points)
{
    points = points <= 0 ? 0 : qBound(kMin, points, kMax);
    int index = findData(points);
    if (index < 0) {
        index = 1;
        while (index < count() && itemData(index).toInt() < points)
            ++index;
        insertItem(index, QString(), points);
        retranslate();
    }
    setCurrentIndex(index);
}

void TextSizeBox::retranslate()
{
    m_label->setText(tr("Text &size:"));
    setToolTip(tr("The size of the conversation, the message box and the list of conversations"));
    setItemText(0, tr("System (%1 pt)").arg(QApplication::font().pointSize()));
    for (int i = 1; i < count(); ++i)
        setItemText(i, tr("%1 pt").arg(itemData(i).toInt()));
}

void TextSizeBox::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QComboBox::changeEvent(event);
}

} // namespace flarechat
