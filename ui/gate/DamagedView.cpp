#include "ui/gate/DamagedView.h"

#include "ui/controls/MessageBanner.h"
#include "ui/gate/GateLayout.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fieldline::ui {

DamagedView::DamagedView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_details(new QLabel(this))
    , m_plan(new QLabel(this))
    , m_banner(new MessageBanner(this))
    , m_setAside(new QPushButton(this))
    , m_quit(new QPushButton(this))
{
    setObjectName(QStringLiteral("damagedView"));
    m_title->setObjectName(QStringLiteral("title"));
    m_plan->setObjectName(QStringLiteral("plan"));
    m_setAside->setObjectName(QStringLiteral("setAsideButton"));
    m_quit->setObjectName(QStringLiteral("quitButton"));

    GateLayout::makeHeading(m_title);
    for (QLabel *label : {m_explanation, m_details, m_plan}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_quit);
    buttons->addWidget(m_setAside);

    auto *column = new QVBoxLayout;
    column->setSpacing(12);
    column->addWidget(m_title);
    column->addWidget(m_explanation);
    column->addWidget(m_details);
    column->addWidget(m_plan);
    column->addWidget(m_banner);
    column->addLayout(buttons);
    GateLayout::centre(this, column);

    // Quit comes first in the tab order: the destructive-looking choice must be reached on purpose.
    setTabOrder(m_quit, m_setAside);
    connect(m_setAside, &QPushButton::clicked, this, &DamagedView::setAsideRequested);
    connect(m_quit, &QPushButton::clicked, this, &DamagedView::quitRequested);

    retranslateUi();
}

void DamagedView::setProfileFolder(const QString &folder)
{
    m_folder = folder;
    retranslateUi();
}

void DamagedView::setQuarantineLocation(const QString &folder)
{
    m_quarantineLocation = folder;
    retranslateUi();
}

void DamagedView::setDetails(const QString &details)
{
    m_detailText = details;
    retranslateUi();
}

void DamagedView::showError(TrText text)
{
    m_banner->showMessage(MessageBanner::Kind::Error, std::move(text));
}

void DamagedView::clearMessage()
{
    m_banner->clear();
}

void DamagedView::focusDefault()
{
    m_quit->setFocus(Qt::OtherFocusReason);
}

void DamagedView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DamagedView::retranslateUi()
{
    m_title->setText(tr("Your profile cannot be opened"));
    m_explanation->setText(tr("The profile in %1 is damaged, or something changed its files outside Fieldline. "
                              "Fieldline has not changed, replaced or deleted anything.")
                               .arg(m_folder));
    m_details->setText(m_detailText.isEmpty() ? QString() : tr("Details: %1").arg(m_detailText));
    m_details->setVisible(!m_detailText.isEmpty());
    m_plan->setText(tr("You can set the damaged files aside and start again with a new, empty profile. Fieldline "
                       "will move them into a new folder named \"damaged-\" followed by the date and time, in "
                       "%1. Keep that folder: a backup or your support team may be able to recover it.")
                        .arg(m_quarantineLocation));
    m_setAside->setText(tr("&Set the damaged files aside and create a new profile"));
    m_quit->setText(tr("&Quit"));

    m_setAside->setAccessibleName(tr("Set the damaged files aside and create a new profile"));
    m_quit->setAccessibleName(tr("Quit"));
}

} // namespace fieldline::ui
