#include "ui/telemarketing/DialPad.h"

#include <QEvent>
#include <QGridLayout>
#include <QPushButton>

namespace fieldline::ui {

namespace {

const QString Keys = QStringLiteral("123456789*0#");

} // namespace

DialPad::DialPad(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("dialPad"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    for (int i = 0; i < Keys.size(); ++i) {
        const QChar key = Keys.at(i);
        auto *button = new QPushButton(QString(key), this);
        button->setObjectName(QStringLiteral("dialPadKey") + (key == u'*'   ? QStringLiteral("Star")
                                                              : key == u'#' ? QStringLiteral("Hash")
                                                                            : QString(key)));
        button->setFocusPolicy(Qt::NoFocus);
        button->setFixedSize(36, 28);
        connect(button, &QPushButton::clicked, this, [this, key] { emit pressed(key); });
        grid->addWidget(button, i / 3, i % 3);
    }
    retranslateUi();
}

void DialPad::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DialPad::retranslateUi()
{
    setAccessibleName(tr("Keypad: tones to the other side"));
    for (QPushButton *button : findChildren<QPushButton *>())
        button->setAccessibleName(tr("Tone %1").arg(button->text()));
}

} // namespace fieldline::ui
