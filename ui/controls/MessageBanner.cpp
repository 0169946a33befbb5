#include "ui/controls/MessageBanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace fieldline::ui {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_retry(new QPushButton(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setObjectName(QStringLiteral("messageText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_retry, 0, Qt::AlignVCenter);
    connect(m_retry, &QPushButton::clicked, this, &MessageBanner::retryRequested);

    hide();
    retranslateUi();
}

void MessageBanner::showMessage(Kind kind, TrText text, bool offerRetry)
{
    m_kind = kind;
    m_text = std::move(text);
    // Colours from the palette's own roles would be invisible on many themes; these fixed tints keep
    // contrast on light and dark palettes alike because the text colour is fixed as well.
    setStyleSheet(kind == Kind::Error ? QStringLiteral("#messageBanner { background: #fdecea; border: 1px solid "
                                                       "#e0a39d; border-radius: 4px; } #messageText { color: "
                                                       "#611a15; }")
                                      : QStringLiteral("#messageBanner { background: #e8f1fb; border: 1px solid "
                                                       "#9cbfe6; border-radius: 4px; } #messageText { color: "
                                                       "#0d3c61; }"));
    m_retry->setVisible(offerRetry);
    retranslateUi();
    show();
}

void MessageBanner::clear()
{
    m_text = nullptr;
    m_retry->hide();
    hide();
    m_label->clear();
}

QString MessageBanner::text() const
{
    return isHidden() ? QString() : m_label->text();
}

bool MessageBanner::offersRetry() const
{
    return !isHidden() && !m_retry->isHidden();
}

void MessageBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void MessageBanner::retranslateUi()
{
    m_label->setText(m_text ? m_text() : QString());
    m_retry->setText(tr("&Try again"));
    m_retry->setAccessibleName(tr("Try again"));
    setAccessibleName(m_kind == Kind::Error ? tr("Error message") : tr("Notice"));
    m_label->setAccessibleName(m_label->text());
}

} // namespace fieldline::ui
