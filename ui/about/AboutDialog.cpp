#include "ui/about/AboutDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fieldline::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLabel(this))
    , m_version(new QLabel(this))
    , m_description(new QLabel(this))
    , m_componentsHeading(new QLabel(this))
    , m_components(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    m_components->setObjectName(QStringLiteral("components"));
    m_version->setObjectName(QStringLiteral("version"));

    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/fieldline.png")).pixmap(64, 64));
    logo->setAlignment(Qt::AlignTop);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_description->setWordWrap(true);
    m_components->setTextFormat(Qt::PlainText);
    m_components->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont headingFont = m_componentsHeading->font();
    headingFont.setBold(true);
    m_componentsHeading->setFont(headingFont);

    auto *text = new QVBoxLayout;
    text->setSpacing(8);
    text->addWidget(m_name);
    text->addWidget(m_version);
    text->addWidget(m_description);
    text->addSpacing(6);
    text->addWidget(m_componentsHeading);
    text->addWidget(m_components);

    auto *body = new QHBoxLayout;
    body->setSpacing(18);
    body->addWidget(logo, 0, Qt::AlignTop);
    body->addLayout(text, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    setMinimumWidth(460);
    retranslateUi();
}

void AboutDialog::setVersion(const QString &version)
{
    m_versionText = version;
    retranslateUi();
}

void AboutDialog::setComponents(const QList<app::ComponentVersion> &components)
{
    m_componentList = components;
    retranslateUi();
}

QStringList AboutDialog::componentLines() const
{
    QStringList lines;
    for (const app::ComponentVersion &component : m_componentList)
        lines.append(component.name + QLatin1Char(' ') + component.version);
    return lines;
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void AboutDialog::retranslateUi()
{
    setWindowTitle(tr("About Fieldline"));
    m_name->setText(QStringLiteral("Fieldline"));
    m_version->setText(tr("Version %1").arg(m_versionText));
    m_description->setText(tr("Telemarketing, field visits and order entry that work offline. Everything is kept "
                              "in an encrypted profile on this computer."));
    m_componentsHeading->setText(tr("Built on"));
    m_components->setText(componentLines().join(QLatin1Char('\n')));
    m_components->setAccessibleName(tr("Library versions"));
    if (QPushButton *close = m_buttons->button(QDialogButtonBox::Close))
        close->setAccessibleName(tr("Close"));
}

} // namespace fieldline::ui
