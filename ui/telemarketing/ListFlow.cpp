#include "ui/telemarketing/ListFlow.h"

#include "app/sync/SyncService.h"
#include "ui/telemarketing/CampaignSetupWorkspace.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTimer>

namespace fieldline::ui {

using telemarketing::ListImport;

ListFlow::ListFlow(CampaignSetupWorkspace *view, app::SyncService *sync, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_sync(sync)
{
    connect(sync, &app::SyncService::aboutToClose, this, [this] { m_lockedSinceStart = m_busy; });
}

ListFlow::~ListFlow()
{
    if (m_reader)
        m_reader->wait();
}

void ListFlow::start(Action action, const QString &path, const sync::RowId &campaign, const QString &owner)
{
    if (m_busy)
        return m_view->showResult(tr("Another list is being read or used; take the next one when it is done."), true);
    auto job = std::make_shared<Job>();
    job->action = action;
    job->name = QFileInfo(path).fileName();
    job->campaign = campaign;
    job->owner = owner;
    m_lockedSinceStart = !m_sync->replica();
    const QString region = QLocale::territoryToCode(QLocale::system().territory());
    // The thread has the job to itself until it ends; then only this (UI) thread touches it.
    QThread *reader = QThread::create([job, path, region] { read(*job, path, region); });
    m_reader = reader;
    m_busy = true;
    m_view->showResult(tr("Reading and checking %1...").arg(job->name), false);
    connect(reader, &QThread::finished, this, [this, job] { applyPart(job); });
    connect(reader, &QThread::finished, reader, &QObject::deleteLater);
    reader->start();
}

void ListFlow::read(Job &job, const QString &path, const QString &region)
{
    QFile file(path);
    if (file.size() > ListImport::MaxBytes) {
        job.problem = tr("%1 is larger than %2 MB; split it into smaller files.")
                          .arg(job.name, QString::number(ListImport::MaxBytes >> 20));
    } else if (!file.open(QIODevice::ReadOnly)) {
        job.problem = tr("%1 cannot be read: %2").arg(job.name, file.errorString());
    } else {
        job.list = ListImport::check(file.read(std::min(file.size(), ListImport::MaxBytes) + 1), region);
    }
}

size_t ListFlow::done(const Job &job)
{
    return job.action == Action::Add ? job.added.next : job.removed.next;
}

void ListFlow::applyPart(const std::shared_ptr<Job> &job)
{
    if (!job->problem.isEmpty())
        return end(*job, job->problem);
    sync::Replica *replica = m_sync->replica();
    if (!replica || m_lockedSinceStart) { // perhaps another profile opened since
        return end(*job, tr("The profile was locked after %1 of the %2 people of %3; use the file again for the rest.")
                             .arg(QLocale().toString(qulonglong(done(*job))),
                                  QLocale().toString(qulonglong(job->list.people.size())), job->name));
    }
    storage::Result<bool> finished =
        job->action == Action::Add
            ? ListImport(*replica).runPart(job->list, job->added, job->campaign, job->owner, ListImport::PeoplePerPart)
            : telemarketing::ListRemoval(*replica).runPart(job->list, job->removed, job->campaign,
                                                           ListImport::PeoplePerPart);
    if (!finished) {
        return end(*job, tr("%1 of the people of %2 were dealt with, then: %3. Use the file again for the rest.")
                             .arg(QLocale().toString(qulonglong(done(*job))), job->name, finished.message()));
    }
    if (!*finished) {
        const QString count = QLocale().toString(qulonglong(done(*job)));
        const QString all = QLocale().toString(qulonglong(job->list.people.size()));
        m_view->showResult(job->action == Action::Add
                               ? tr("Adding the people of %1: %2 of %3...").arg(job->name, count, all)
                               : tr("Taking the people of %1 out: %2 of %3...").arg(job->name, count, all),
                           false);
        QTimer::singleShot(0, this, [this, job] { applyPart(job); });
        return;
    }
    end(*job, QString());
}

void ListFlow::end(const Job &job, const QString &error)
{
    m_busy = false;
    if (done(job) > 0)
        emit m_sync->dataChanged();
    m_view->showResult(error.isEmpty() ? outcome(job) : error, !error.isEmpty() || !job.list.problems.isEmpty());
    emit finished();
}

QString ListFlow::outcome(const Job &job) const
{
    if (!job.list.problems.isEmpty()) {
        // The first ones, so the text stays readable; the file is fixed and used again.
        constexpr qsizetype Shown = 8;
        QString text = job.action == Action::Add ? tr("Nothing was imported from %1:").arg(job.name)
                                                 : tr("Nobody was taken out with %1:").arg(job.name);
        for (const QString &problem : job.list.problems.mid(0, Shown))
            text += u'\n' + problem;
        if (job.list.problems.size() > Shown)
            text += u'\n' + tr("... and %n more.", nullptr, int(job.list.problems.size() - Shown));
        return text;
    }
    if (job.action == Action::Remove) {
        const telemarketing::ListRemoval::Outcome &removed = job.removed.outcome;
        return tr("%n person(s) taken out of the campaign; not in it: %1; numbers nobody has: %2; callbacks "
                  "cancelled: %3.",
                  nullptr, removed.removed)
            .arg(removed.notIn)
            .arg(removed.unknown)
            .arg(removed.callbacksCancelled);
    }
    const ListImport::Outcome &imported = job.added.outcome;
    QString text =
        tr("%n person(s) added from the list; new contacts: %1; already in the campaign: %2.", nullptr, imported.added)
            .arg(imported.newContacts)
            .arg(imported.alreadyIn);
    if (imported.withoutZone > 0)
        text += u' ' + tr("%n left out: neither their time zone nor their number's region is known.", nullptr,
                          imported.withoutZone);
    return text;
}

} // namespace fieldline::ui
