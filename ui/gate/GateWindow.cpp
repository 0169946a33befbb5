#include "ui/gate/GateWindow.h"

#include "ui/gate/DamagedView.h"
#include "ui/gate/FirstRunView.h"
#include "ui/gate/UnlockView.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace fieldline::ui {

GateWindow::GateWindow(QWidget *parent)
    : QWidget(parent)
    , m_appName(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_firstRun(new FirstRunView(m_pages))
    , m_unlock(new UnlockView(m_pages))
    , m_damaged(new DamagedView(m_pages))
    , m_languageLabel(new QLabel(this))
    , m_language(new QComboBox(this))
{
    setObjectName(QStringLiteral("gateWindow"));
    m_language->setObjectName(QStringLiteral("language"));
    m_pages->addWidget(m_firstRun);
    m_pages->addWidget(m_unlock);
    m_pages->addWidget(m_damaged);

    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/fieldline.png")).pixmap(32, 32));
    QFont nameFont = m_appName->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.2);
    nameFont.setBold(true);
    m_appName->setFont(nameFont);

    auto *header = new QHBoxLayout;
    header->addWidget(logo);
    header->addWidget(m_appName);
    header->addStretch(1);

    m_languageLabel->setBuddy(m_language);
    auto *footer = new QHBoxLayout;
    footer->addStretch(1);
    footer->addWidget(m_languageLabel);
    footer->addWidget(m_language);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addLayout(header);
    layout->addWidget(m_pages, 1);
    layout->addLayout(footer);

    connect(m_language, &QComboBox::activated, this,
            [this](int index) { emit languageChosen(m_language->itemData(index).toString()); });

    resize(640, 560);
    retranslateUi();
}

void GateWindow::showPage(Page page)
{
    switch (page) {
    case Page::FirstRun:
        m_pages->setCurrentWidget(m_firstRun);
        break;
    case Page::Unlock:
        m_pages->setCurrentWidget(m_unlock);
        break;
    case Page::Damaged:
        m_pages->setCurrentWidget(m_damaged);
        break;
    }
    retranslateUi();
}

GateWindow::Page GateWindow::currentPage() const
{
    if (m_pages->currentWidget() == m_unlock)
        return Page::Unlock;
    if (m_pages->currentWidget() == m_damaged)
        return Page::Damaged;
    return Page::FirstRun;
}

void GateWindow::setLanguages(const QList<Language> &languages)
{
    m_language->clear();
    for (const Language &language : languages)
        m_language->addItem(language.nativeName, language.code);
}

void GateWindow::setCurrentLanguage(const QString &code)
{
    const int index = m_language->findData(code);
    if (index >= 0)
        m_language->setCurrentIndex(index);
}

void GateWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void GateWindow::retranslateUi()
{
    switch (currentPage()) {
    case Page::FirstRun:
        setWindowTitle(tr("Create your profile - Fieldline"));
        break;
    case Page::Unlock:
        setWindowTitle(tr("Unlock - Fieldline"));
        break;
    case Page::Damaged:
        setWindowTitle(tr("Profile damaged - Fieldline"));
        break;
    }
    m_appName->setText(QStringLiteral("Fieldline"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setAccessibleName(tr("Language"));
}

} // namespace fieldline::ui
