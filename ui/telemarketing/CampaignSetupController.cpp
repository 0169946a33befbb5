#include "ui/telemarketing/CampaignSetupController.h"

#include "app/sync/SyncService.h"
#include "app/telemarketing/CampaignSetup.h"
#include "app/telemarketing/ListImport.h"
#include "ui/telemarketing/CampaignSetupWorkspace.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QThread>
#include <QTimer>

#include <memory>

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
{
    connect(view, &CampaignSetupWorkspace::campaignChosen, this, &CampaignSetupController::show);
    connect(view, &CampaignSetupWorkspace::saveRequested, this, &CampaignSetupController::save);
    connect(view, &CampaignSetupWorkspace::addContactsRequested, this, &CampaignSetupController::addContacts);
    connect(view, &CampaignSetupWorkspace::importListRequested, this, [this] {
        const QString path = m_chooseFile ? m_chooseFile()
                                          : QFileDialog::getOpenFileName(m_view, tr("Import a list"), QString(),
                                                                         tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            importList(path);
    });
    connect(sync, &app::SyncService::openChanged, this, [this] { refresh(); });
    m_view->setFields({}); // a new campaign with the usual rules to start from
    refresh();
}

CampaignSetupController::~CampaignSetupController()
{
    if (m_reader)
        m_reader->wait();
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

void CampaignSetupController::importList(const QString &path)
{
    const std::optional<sync::RowId> id = idOf(m_view->currentKey());
    if (!m_sync->replica() || !id)
        return;
    if (m_importing)
        return m_view->showResult(tr("A list is being imported; import the next one when it is done."), true);
    // Reading and checking a large file takes a while: it is done on a thread of its own, which touches no data.
    const QString name = QFileInfo(path).fileName();
    const QString region = QLocale::territoryToCode(QLocale::system().territory());
    auto read = std::make_shared<ReadList>();
    QThread *worker = QThread::create([read, path, region] { *read = readList(path, region); });
    m_reader = worker;
    m_importing = true;
    m_view->showResult(tr("Reading and checking %1...").arg(name), false);
    connect(worker, &QThread::finished, this, [this, read, name, campaign = *id, owner = m_view->assignee()] {
        importChecked(read, name, campaign, owner);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

CampaignSetupController::ReadList CampaignSetupController::readList(const QString &path, const QString &region)
{
    ReadList read;
    QFile file(path);
    if (file.size() > telemarketing::ListImport::MaxBytes) {
        read.problem = tr("%1 is larger than %2 MB; split it into smaller files.")
                           .arg(QFileInfo(path).fileName(), QString::number(telemarketing::ListImport::MaxBytes >> 20));
    } else if (!file.open(QIODevice::ReadOnly)) {
        read.problem = tr("%1 cannot be read: %2").arg(QFileInfo(path).fileName(), file.errorString());
    } else {
        read.list = telemarketing::ListImport::check(
            file.read(std::min(file.size(), telemarketing::ListImport::MaxBytes) + 1), region);
    }
    return read;
}

void CampaignSetupController::importChecked(std::shared_ptr<const ReadList> read, const QString &name,
                                            const sync::RowId &campaign, const QString &owner)
{
    if (!read->problem.isEmpty()) {
        m_importing = false;
        m_view->showResult(read->problem, true);
        emit listImported();
        return;
    }
    // A part at a time, each in its own transaction, with the UI's events in between and the count shown.
    addPart(read, std::make_shared<telemarketing::ListImport::Progress>(), name, campaign, owner);
}

void CampaignSetupController::addPart(std::shared_ptr<const ReadList> read,
                                      std::shared_ptr<telemarketing::ListImport::Progress> progress,
                                      const QString &name, const sync::RowId &campaign, const QString &owner)
{
    const telemarketing::ListImport::Checked &list = read->list;
    sync::Replica *replica = m_sync->replica();
    if (!replica) {
        m_view->showResult(tr("The profile was locked: %1 of the %n people of %2 were added; import the file again "
                              "to add the rest.",
                              nullptr, int(list.people.size()))
                               .arg(progress->next)
                               .arg(name),
                           true);
        m_importing = false;
        emit listImported();
        return;
    }
    auto finished = telemarketing::ListImport(*replica).runPart(list, *progress, campaign, owner, telemarketing::ListImport::PeoplePerPart);
    if (finished && !*finished) {
        m_view->showResult(tr("Adding the people of %1: %2 of %3...")
                               .arg(name, QLocale().toString(qulonglong(progress->next)),
                                    QLocale().toString(qulonglong(list.people.size()))),
                           false);
        QTimer::singleShot(0, this, [=, this] { addPart(read, progress, name, campaign, owner); });
        return;
    }
    m_importing = false;
    if (progress->next > 0)
        emit m_sync->dataChanged();
    emit listImported();
    if (!finished)
        return m_view->showResult(
            tr("%1 of the people of %2 were added, then: %3. Import the file again to add the rest.")
                .arg(QLocale().toString(qulonglong(progress->next)), name, finished.message()),
            true);
    const telemarketing::ListImport::Outcome &imported = progress->outcome;
    if (!imported.problems.isEmpty()) {
        // The first ones, so the text stays readable; the file is fixed and imported again.
        constexpr qsizetype Shown = 8;
        QString text = tr("Nothing was imported from %1:").arg(name);
        for (const QString &problem : imported.problems.mid(0, Shown))
            text += u'\n' + problem;
        if (imported.problems.size() > Shown)
            text += u'\n' + tr("... and %n more.", nullptr, int(imported.problems.size() - Shown));
        return m_view->showResult(text, true);
    }
    QString text =
        tr("%n person(s) added from the list; new contacts: %1; already in the campaign: %2.", nullptr, imported.added)
            .arg(imported.newContacts)
            .arg(imported.alreadyIn);
    if (imported.withoutZone > 0)
        text += u' ' + tr("%n left out: neither their time zone nor their number's region is known.", nullptr,
                          imported.withoutZone);
    m_view->showResult(text, false);
}

} // namespace fieldline::ui
