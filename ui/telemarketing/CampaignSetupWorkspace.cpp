#include "ui/telemarketing/CampaignSetupWorkspace.h"

#include "ui/controls/ChoiceBox.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fieldline::ui {

CampaignSetupWorkspace::CampaignSetupWorkspace(QWidget *parent)
    : Workspace(parent)
    , m_campaigns(new ChoiceBox)
    , m_name(new QLineEdit)
    , m_mode(new QComboBox)
    , m_windowStart(new QLineEdit)
    , m_windowEnd(new QLineEdit)
    , m_maxAttempts(new QSpinBox)
    , m_retry(new QLineEdit)
    , m_status(new QComboBox)
    , m_script(new QPlainTextEdit)
    , m_dispositions(new QPlainTextEdit)
    , m_assignee(new QLineEdit)
    , m_territory(new QComboBox)
    , m_save(new QPushButton)
    , m_addContacts(new QPushButton)
    , m_importList(new QPushButton)
    , m_removeList(new QPushButton)
    , m_result(new QLabel)
{
    setObjectName(QStringLiteral("campaignSetup"));
    const std::pair<QWidget *, const char *> names[] = {{m_campaigns, "setupCampaign"},
                                                        {m_name, "setupName"},
                                                        {m_mode, "setupMode"},
                                                        {m_windowStart, "setupWindowStart"},
                                                        {m_windowEnd, "setupWindowEnd"},
                                                        {m_maxAttempts, "setupMaxAttempts"},
                                                        {m_retry, "setupRetry"},
                                                        {m_status, "setupStatus"},
                                                        {m_script, "setupScript"},
                                                        {m_dispositions, "setupDispositions"},
                                                        {m_assignee, "setupAssignee"},
                                                        {m_territory, "setupTerritory"},
                                                        {m_save, "setupSave"},
                                                        {m_addContacts, "setupAddContacts"},
                                                        {m_importList, "setupImportList"},
                                                        {m_removeList, "setupRemoveList"},
                                                        {m_result, "setupResult"}};
    for (const auto &[widget, name] : names)
        widget->setObjectName(QLatin1String(name));
    for (const char *mode : {"preview", "progressive"})
        m_mode->addItem(QString(), QLatin1String(mode));
    for (const char *status : {"active", "paused", "closed"})
        m_status->addItem(QString(), QLatin1String(status));
    m_maxAttempts->setRange(1, 100);
    m_windowStart->setInputMask(QStringLiteral("99:99"));
    m_windowEnd->setInputMask(QStringLiteral("99:99"));
    for (QPlainTextEdit *text : {m_script, m_dispositions})
        text->setTabChangesFocus(true); // Tab moves on; the keyboard never gets stuck in a text box
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (QWidget *field :
         {static_cast<QWidget *>(m_campaigns), static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_mode),
          static_cast<QWidget *>(m_windowStart), static_cast<QWidget *>(m_windowEnd),
          static_cast<QWidget *>(m_maxAttempts), static_cast<QWidget *>(m_retry), static_cast<QWidget *>(m_status),
          static_cast<QWidget *>(m_script), static_cast<QWidget *>(m_dispositions), static_cast<QWidget *>(m_assignee),
          static_cast<QWidget *>(m_territory)}) {
        auto *label = new QLabel;
        label->setBuddy(field);
        m_labels.append(label);
        form->addRow(label, field);
    }
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_addContacts);
    buttons->addWidget(m_importList);
    buttons->addWidget(m_removeList);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_result);

    connect(m_campaigns, &QComboBox::activated, this,
            [this](int index) { emit campaignChosen(m_campaigns->itemData(index).toString()); });
    connect(m_save, &QPushButton::clicked, this, &CampaignSetupWorkspace::saveRequested);
    connect(m_addContacts, &QPushButton::clicked, this, &CampaignSetupWorkspace::addContactsRequested);
    connect(m_importList, &QPushButton::clicked, this, &CampaignSetupWorkspace::importListRequested);
    connect(m_removeList, &QPushButton::clicked, this, &CampaignSetupWorkspace::removeListRequested);
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_S), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut),
            &QShortcut::activated, this, &CampaignSetupWorkspace::saveRequested);
    setFocusProxy(m_campaigns);
    retranslateUi();
}

QString CampaignSetupWorkspace::title() const
{
    return tr("Campaign set-up");
}

QIcon CampaignSetupWorkspace::icon() const
{
    return QIcon(QStringLiteral(":/icons/fieldline.png"));
}

void CampaignSetupWorkspace::setCampaigns(const QList<std::pair<QString, QString>> &keysAndNames,
                                          const QString &current)
{
    const QSignalBlocker blocker(m_campaigns);
    m_campaigns->clear();
    m_campaigns->addItem(tr("New campaign"), QString());
    for (const auto &[key, name] : keysAndNames)
        m_campaigns->addItem(name, key);
    m_campaigns->setCurrentIndex(std::max(0, m_campaigns->findData(current)));
    m_addContacts->setEnabled(!current.isEmpty());
    m_importList->setEnabled(!current.isEmpty());
    m_removeList->setEnabled(!current.isEmpty());
}

void CampaignSetupWorkspace::setTerritories(const QStringList &territories)
{
    const QString chosen = territory();
    m_territory->clear();
    m_territory->addItem(tr("All territories"), QString());
    for (const QString &name : territories)
        m_territory->addItem(name, name);
    m_territory->setCurrentIndex(std::max(0, m_territory->findData(chosen)));
}

QString CampaignSetupWorkspace::territory() const
{
    return m_territory->currentData().toString();
}

QString CampaignSetupWorkspace::currentKey() const
{
    return m_campaigns->currentData().toString();
}

void CampaignSetupWorkspace::setFields(const telemarketing::CampaignFields &fields)
{
    m_name->setText(fields.name);
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(fields.mode)));
    m_windowStart->setText(fields.windowStart);
    m_windowEnd->setText(fields.windowEnd);
    m_maxAttempts->setValue(int(fields.maxAttempts));
    m_retry->setText(fields.retryMinutes);
    m_status->setCurrentIndex(std::max(0, m_status->findData(fields.status)));
    m_script->setPlainText(fields.script);
    m_dispositions->setPlainText(fields.dispositions);
}

telemarketing::CampaignFields CampaignSetupWorkspace::fields() const
{
    return {m_name->text().trimmed(),
            m_mode->currentData().toString(),
            m_windowStart->text(),
            m_windowEnd->text(),
            m_maxAttempts->value(),
            m_retry->text().trimmed(),
            m_status->currentData().toString(),
            m_dispositions->toPlainText(),
            m_script->toPlainText()};
}

QString CampaignSetupWorkspace::assignee() const
{
    return m_assignee->text().trimmed();
}

void CampaignSetupWorkspace::showResult(const QString &text, bool problem)
{
    m_result->setText(text);
    m_result->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

void CampaignSetupWorkspace::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        emit titleChanged();
    }
    Workspace::changeEvent(event);
}

void CampaignSetupWorkspace::retranslateUi()
{
    const QStringList labels{tr("&Campaign:"),
                             tr("&Name:"),
                             tr("&Mode:"),
                             tr("Calls from (their time):"),
                             tr("Calls until:"),
                             tr("&Attempts at most:"),
                             tr("&Retry after (minutes):"),
                             tr("S&tatus:"),
                             tr("Scr&ipt:"),
                             tr("&Dispositions (JSON):"),
                             tr("Add contacts &for (agent, empty: the pool):"),
                             tr("&Limit to territory:")};
    for (int i = 0; i < m_labels.size(); ++i) {
        m_labels[i]->setText(labels.value(i));
        m_labels[i]->buddy()->setAccessibleName(QString(labels.value(i)).remove(u'&').remove(u':'));
    }
    if (m_campaigns->count() > 0)
        m_campaigns->setItemText(0, tr("New campaign"));
    if (m_territory->count() > 0)
        m_territory->setItemText(0, tr("All territories"));
    m_mode->setItemText(0, tr("Preview: the agent dials"));
    m_mode->setItemText(1, tr("Progressive: dialled after a countdown"));
    m_status->setItemText(0, tr("Active"));
    m_status->setItemText(1, tr("Paused"));
    m_status->setItemText(2, tr("Closed"));
    m_retry->setPlaceholderText(tr("60,240: after the 1st attempt, after the 2nd and later"));
    m_save->setText(tr("&Save (Ctrl+S)"));
    m_addContacts->setText(tr("Add every contact not in it &yet"));
    m_importList->setText(tr("Im&port a list..."));
    m_importList->setAccessibleName(tr("Import a list of people to call from a CSV file into the campaign"));
    m_removeList->setText(tr("Take a list &out..."));
    m_removeList->setAccessibleName(
        tr("Take the people of a CSV file out of the campaign; their callbacks still due are cancelled"));
    m_save->setAccessibleName(tr("Save the campaign"));
    m_addContacts->setAccessibleName(tr("Add every contact not in the campaign yet, of the territory chosen"));
}

} // namespace fieldline::ui
