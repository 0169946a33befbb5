#include "ui/overview/OverviewWorkspace.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace fieldline::ui {

OverviewWorkspace::OverviewWorkspace(QWidget *parent)
    : Workspace(parent)
    , m_heading(new QLabel(this))
    , m_intro(new QLabel(this))
    , m_folderLabel(new QLabel(this))
    , m_folder(new QLabel(this))
    , m_sizeLabel(new QLabel(this))
    , m_size(new QLabel(this))
    , m_unlockedLabel(new QLabel(this))
    , m_unlocked(new QLabel(this))
    , m_rememberedLabel(new QLabel(this))
    , m_remembered(new QLabel(this))
    , m_protectionLabel(new QLabel(this))
    , m_protection(new QLabel(this))
    , m_next(new QLabel(this))
{
    setObjectName(QStringLiteral("overviewWorkspace"));
    m_heading->setObjectName(QStringLiteral("heading"));
    m_folder->setObjectName(QStringLiteral("profileFolder"));
    m_remembered->setObjectName(QStringLiteral("remembered"));

    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.45);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    for (QLabel *label : {m_intro, m_protection, m_next})
        label->setWordWrap(true);
    for (QLabel *value : {m_folder, m_size, m_unlocked, m_remembered, m_protection}) {
        value->setTextFormat(Qt::PlainText);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
    }

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(10);
    form->addRow(m_folderLabel, m_folder);
    form->addRow(m_sizeLabel, m_size);
    form->addRow(m_unlockedLabel, m_unlocked);
    form->addRow(m_rememberedLabel, m_remembered);
    form->addRow(m_protectionLabel, m_protection);

    // Long lines are hard to read on wide screens: the text keeps to a column.
    auto *column = new QWidget(this);
    column->setMaximumWidth(760);
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(28, 24, 28, 24);
    outer->addWidget(column, 4);
    outer->addStretch(1);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(14);
    layout->addWidget(m_heading);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(m_next);
    layout->addStretch(1);

    retranslateUi();
}

QString OverviewWorkspace::title() const
{
    return tr("Overview");
}

QIcon OverviewWorkspace::icon() const
{
    return QIcon(QStringLiteral(":/icons/fieldline.png"));
}

void OverviewWorkspace::setProfileFolder(const QString &folder)
{
    m_folderPath = folder;
    retranslateUi();
}

void OverviewWorkspace::setDatabaseSize(qint64 bytes)
{
    m_bytes = bytes;
    retranslateUi();
}

void OverviewWorkspace::setUnlockedAt(const QDateTime &time)
{
    m_unlockedAt = time;
    retranslateUi();
}

void OverviewWorkspace::setRemembered(bool remembered)
{
    m_isRemembered = remembered;
    retranslateUi();
}

void OverviewWorkspace::clear()
{
    m_folderPath.clear();
    m_bytes = -1;
    m_unlockedAt = QDateTime();
    m_isRemembered = false;
    retranslateUi();
}

void OverviewWorkspace::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        emit titleChanged();
    }
    Workspace::changeEvent(event);
}

void OverviewWorkspace::retranslateUi()
{
    // Numbers and dates follow the interface language, not the system's, so a page never mixes the two.
    const QLocale locale;
    m_heading->setText(tr("Your profile"));
    m_intro->setText(tr("Everything Fieldline stores on this computer is in this encrypted profile. It is open "
                        "now; lock it with Ctrl+L when you step away."));
    m_folderLabel->setText(tr("Folder:"));
    m_folder->setText(m_folderPath);
    m_sizeLabel->setText(tr("Size on disk:"));
    m_size->setText(m_bytes < 0 ? QString() : locale.formattedDataSize(m_bytes));
    m_unlockedLabel->setText(tr("Unlocked at:"));
    m_unlocked->setText(m_unlockedAt.isValid() ? locale.toString(m_unlockedAt, QLocale::ShortFormat) : QString());
    m_rememberedLabel->setText(tr("Remembered on this computer:"));
    m_remembered->setText(m_isRemembered ? tr("Yes, the keychain of this computer can unlock it")
                                         : tr("No, the passphrase is needed to unlock it"));
    m_protectionLabel->setText(tr("Protection:"));
    m_protection->setText(tr("Every page is encrypted with XChaCha20-Poly1305. The key is protected by your "
                             "passphrase through Argon2id and is wiped from memory when the profile locks."));
    m_next->setText(tr("Telemarketing, visits, orders and administration will appear in the list on the left."));

    m_folder->setAccessibleName(tr("Profile folder"));
    m_size->setAccessibleName(tr("Size on disk"));
    m_unlocked->setAccessibleName(tr("Unlocked at"));
    m_remembered->setAccessibleName(tr("Remembered on this computer"));
}

} // namespace fieldline::ui
