#pragma once

#include "app/telemarketing/ListImport.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

class CampaignSetupWorkspace;

/** Fills the campaign set-up from the replica and stores what the manager saves (telemarketing::CampaignSetup). */
class CampaignSetupController : public QObject
{
    Q_OBJECT

public:
    CampaignSetupController(CampaignSetupWorkspace *view, app::SyncService *sync, QObject *parent = nullptr);
    /** Waits for a list still being read (at most MaxBytes), so the reading thread never outlives the application. */
    ~CampaignSetupController() override;

    /** Lists the campaigns again with @p select (a key) selected, or the one shown. */
    void refresh(const QString &select = QString());
    /**
     * Imports the list in file @p path into the campaign shown (telemarketing::ListImport): the file is read and
     * checked on a thread of its own, then the people are added here a part at a time (ListImport::PeoplePerPart
     * per transaction, the progress shown); listImported() tells when it is over.
     */
    void importList(const QString &path);
    /** What asks for the list's file (a file dialog; tests give a path): empty when the manager cancels. */
    void setFileChooser(std::function<QString()> chooser) { m_chooseFile = std::move(chooser); }

signals:
    /** A list import ended, whatever its outcome (shown in the set-up). */
    void listImported();

private:
    /** A list file as read and checked on the reading thread. */
    struct ReadList
    {
        telemarketing::ListImport::Checked list;
        QString problem; ///< the file itself could not be read (too large, unreadable)
    };
    static ReadList readList(const QString &path, const QString &region);
    void importChecked(std::shared_ptr<const ReadList> read, const QString &name, const sync::RowId &campaign,
                       const QString &owner);
    void addPart(std::shared_ptr<const ReadList> read, std::shared_ptr<telemarketing::ListImport::Progress> progress,
                 const QString &name, const sync::RowId &campaign, const QString &owner);
    void show(const QString &key);
    void save();
    void addContacts();

    CampaignSetupWorkspace *m_view;
    app::SyncService *m_sync;
    std::function<QString()> m_chooseFile;
    bool m_importing = false; ///< a list is being read or added
    QPointer<QThread> m_reader;
};

} // namespace fieldline::ui
