#include "ui/telemarketing/CampaignSetupController.h"

#include "app/sync/SyncService.h"
#include "app/telemarketing/CampaignSetup.h"
#include "ui/telemarketing/CampaignSetupWorkspace.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>

namespace fieldline::ui {

namespace {

std::optional<sync::RowId> idOf(const QString &key)
{
    return key.isEmpty() ? std::nullopt : sync::RowId::fromBytes(QByteArray::fromHex(key.toLatin1()));
}

} // namespace

CampaignSetupController::CampaignSetupController(CampaignSetupWorkspace *view, app::SyncService *sync, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_sync(sync)
    , m_lists(new ListFlow(view, sync, this))
{
    connect(view, &CampaignSetupWorkspace::campaignChosen, this, &CampaignSetupController::show);
    connect(view, &CampaignSetupWorkspace::saveRequested, this, &CampaignSetupController::save);
    connect(view, &CampaignSetupWorkspace::addContactsRequested, this, &CampaignSetupController::addContacts);
    connect(view, &CampaignSetupWorkspace::importListRequested, this, [this] {
        if (const QString path = chooseList(tr("Import a list")); !path.isEmpty())
            importList(path);
    });
    connect(view, &CampaignSetupWorkspace::removeListRequested, this, [this] {
        if (const QString path = chooseList(tr("Take a list out of the campaign")); !path.isEmpty())
            removeList(path);
    });
    connect(m_lists, &ListFlow::finished, this, &CampaignSetupController::listImported);
    connect(sync, &app::SyncService::openChanged, this, [this] { refresh(); });
    m_view->setFields({}); // a new campaign with the usual rules to start from
    refresh();
}

void CampaignSetupController::refresh(const QString &select)
{
    sync::Replica *replica = m_sync->replica();
    if (!replica)
        return;
    auto query = replica->database().prepare("SELECT id, name FROM campaigns ORDER BY name, id");
    if (!query)
        return m_view->showResult(query.message(), true);
    QList<std::pair<QString, QString>> campaigns;
    const storage::Status read = query.value()->forEachRow([&campaigns](const storage::Statement &row) {
        campaigns.append({QString::fromLatin1(row.blob(0).toHex()), row.text(1)});
    });
    if (!read)
        return m_view->showResult(read.message(), true);
    m_view->setCampaigns(campaigns, select.isEmpty() ? m_view->currentKey() : select);
    auto territories = telemarketing::CampaignSetup(*replica).territories();
    if (!territories)
        return m_view->showResult(territories.message(), true);
    m_view->setTerritories(*territories);
}

void CampaignSetupController::show(const QString &key)
{
    sync::Replica *replica = m_sync->replica();
    const std::optional<sync::RowId> id = idOf(key);
    if (!replica || !id) {
        m_view->setFields({});
        refresh();
        return;
    }
    auto fields = telemarketing::Campaign::readFields(replica->database(), *id);
    if (!fields)
        return m_view->showResult(fields.message(), true);
    m_view->setFields(*fields);
    refresh(key);
}

void CampaignSetupController::save()
{
    sync::Replica *replica = m_sync->replica();
    if (!replica)
        return;
    const telemarketing::CampaignFields fields = m_view->fields();
    auto saved = telemarketing::CampaignSetup(*replica).save(idOf(m_view->currentKey()), fields);
    if (!saved)
        return m_view->showResult(saved.message(), true);
    refresh(QString::fromLatin1(saved->toBytes().toHex()));
    m_view->showResult(tr("Campaign %1 is saved; it reaches the agents with the next sync.").arg(fields.name), false);
    emit m_sync->dataChanged(); // the agents' screens on this computer read it again
}

void CampaignSetupController::addContacts()
{
    sync::Replica *replica = m_sync->replica();
    const std::optional<sync::RowId> id = idOf(m_view->currentKey());
    if (!replica || !id)
        return;
    telemarketing::CampaignSetup setup(*replica);
    auto added = setup.addAllContacts(*id, m_view->assignee(), m_view->territory());
    if (!added)
        return m_view->showResult(added.message(), true);
    // Members added earlier whose contact moved (another zone, a number of another region) are put right too.
    auto rezoned = setup.rezone(*id);
    QString text = added->withoutZone == 0
                       ? tr("%n contact(s) added.", nullptr, added->added)
                       : tr("%n contact(s) added; %1 left out: neither their time zone nor their number's region "
                            "is known, so calling hours cannot be applied.",
                            nullptr, added->added)
                             .arg(added->withoutZone);
    if (rezoned && *rezoned > 0)
        text += u' ' + tr("%n member(s) whose contact moved are now called in their new time zone.", nullptr, *rezoned);
    if (!rezoned)
        text += u' ' + rezoned.message();
    m_view->showResult(text, !rezoned);
    emit m_sync->dataChanged();
}

void CampaignSetupController::useList(ListFlow::Action action, const QString &path)
{
    if (const std::optional<sync::RowId> id = idOf(m_view->currentKey()); id && m_sync->replica())
        m_lists->start(action, path, *id, m_view->assignee());
}

QString CampaignSetupController::chooseList(const QString &title) const
{
    return m_chooseFile
               ? m_chooseFile()
               : QFileDialog::getOpenFileName(m_view, title, QString(), tr("CSV files (*.csv);;All files (*)"));
}

} // namespace fieldline::ui
