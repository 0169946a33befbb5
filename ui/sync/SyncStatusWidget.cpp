#include "ui/sync/SyncStatusWidget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace fieldline::ui {

SyncStatusWidget::SyncStatusWidget(QWidget *parent)
    : QWidget(parent)
    , m_dot(new QLabel(this))
    , m_label(new QLabel(this))
    , m_sync(new QToolButton(this))
    , m_signIn(new QToolButton(this))
{
    setObjectName(QStringLiteral("syncStatus"));
    m_label->setObjectName(QStringLiteral("syncStatusText"));
    m_sync->setObjectName(QStringLiteral("syncNowButton"));
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_label->setTextFormat(Qt::PlainText);
    m_dot->setFixedSize(10, 10);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
    layout->addWidget(m_sync);
    layout->addWidget(m_signIn);
    m_signIn->hide();
    connect(m_sync, &QToolButton::clicked, this, &SyncStatusWidget::syncRequested);
    connect(m_signIn, &QToolButton::clicked, this, &SyncStatusWidget::signInRequested);
    setStatus(Tone::Busy, [] { return QString(); });
    retranslateUi();
}

void SyncStatusWidget::setStatus(Tone tone, TrText text)
{
    m_text = std::move(text);
    const char *colour = tone == Tone::Good ? "#2e7d32" : tone == Tone::Busy ? "#9e9e9e" : "#c62828";
    m_dot->setStyleSheet(QStringLiteral("background:%1;border-radius:5px;").arg(QLatin1String(colour)));
    m_label->setText(m_text());
    m_label->setAccessibleName(m_text());
}

void SyncStatusWidget::setSignInVisible(bool visible)
{
    m_signIn->setVisible(visible);
}

void SyncStatusWidget::setSyncEnabled(bool enabled)
{
    m_sync->setEnabled(enabled);
}

QString SyncStatusWidget::text() const
{
    return m_label->text();
}

void SyncStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SyncStatusWidget::retranslateUi()
{
    m_label->setText(m_text());
    m_sync->setText(tr("Sync now"));
    m_sync->setToolTip(tr("Send and receive changes now (F5)"));
    m_sync->setAccessibleName(tr("Sync now"));
    m_signIn->setText(tr("Sign in…"));
    m_signIn->setAccessibleName(tr("Sign in to your organisation"));
}

} // namespace fieldline::ui
