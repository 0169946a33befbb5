#include "ui/gate/GateLayout.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QWidget>

namespace fieldline::ui::GateLayout {

void makeHeading(QLabel *label)
{
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.45);
    font.setBold(true);
    label->setFont(font);
    label->setWordWrap(true);
}

void centre(QWidget *view, QLayout *column)
{
    auto *holder = new QWidget(view);
    holder->setLayout(column);
    holder->setMaximumWidth(520);
    holder->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    auto *rows = new QVBoxLayout;
    rows->addStretch(1);
    rows->addWidget(holder);
    rows->addStretch(2);

    auto *outer = new QHBoxLayout(view);
    outer->setContentsMargins(24, 16, 24, 16);
    outer->addStretch(1);
    outer->addLayout(rows, 6);
    outer->addStretch(1);
}

} // namespace fieldline::ui::GateLayout
