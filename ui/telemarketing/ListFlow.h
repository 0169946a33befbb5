#pragma once

#include "app/telemarketing/ListImport.h"
#include "app/telemarketing/ListRemoval.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

class CampaignSetupWorkspace;

/**
 * A list file put into a campaign (telemarketing::ListImport) or taken out of it (telemarketing::ListRemoval): the
 * file is read and checked on a thread of its own, which touches no data, then applied a part at a time
 * (ListImport::PeoplePerPart per transaction) with the UI's events and the count shown in between. One list at a
 * time; the outcome is shown in the campaign set-up.
 */
class ListFlow : public QObject
{
    Q_OBJECT

public:
    enum class Action { Add, Remove };

    ListFlow(CampaignSetupWorkspace *view, app::SyncService *sync, QObject *parent = nullptr);
    /** Waits for a list still being read (at most ListImport::MaxBytes), so the thread never outlives the app. */
    ~ListFlow() override;

    /** @p action with the list in file @p path on @p campaign (new members for @p owner; empty: the pool). */
    void start(Action action, const QString &path, const sync::RowId &campaign, const QString &owner);

signals:
    /** The list was applied, or could not be, whatever the outcome (shown in the set-up). */
    void finished();

private:
    struct Job
    {
        Action action = Action::Add;
        QString name; ///< the file's, for the messages
        sync::RowId campaign;
        QString owner;
        QString problem; ///< the file itself could not be read (too large, unreadable)
        telemarketing::ListImport::Checked list;
        telemarketing::ListImport::Progress added;
        telemarketing::ListRemoval::Progress removed;
    };

    static void read(Job &job, const QString &path, const QString &region);
    void applyPart(const std::shared_ptr<Job> &job);
    /** The number of people of the list dealt with so far. */
    static size_t done(const Job &job);
    void end(const Job &job, const QString &error);
    QString outcome(const Job &job) const;

    CampaignSetupWorkspace *m_view;
    app::SyncService *m_sync;
    bool m_busy = false;
    /// The profile was locked since the list was started: the list goes into the profile open at the start or
    /// nowhere (a flag, not the replica's address, which a profile opened since may reuse).
    bool m_lockedSinceStart = false;
    QPointer<QThread> m_reader;
};

} // namespace fieldline::ui
