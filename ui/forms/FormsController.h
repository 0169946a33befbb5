#pragma once

#include "app/formsync/LayoutCatalog.h"
#include "app/formsync/SubmissionStore.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace fieldline::sync {
class LocalBlobs;
}

namespace fieldline::ui {

class Attachments;
class DraftSaver;
class FormController;
class FormsWorkspace;

/**
 * Drives the forms workspace over the profile's replica: lists the forms the user may start (the newest version
 * of each, LayoutCatalog) and the drafts left to finish, opens one in native widgets with its pinned layout
 * version, keeps it saved as it is typed (DraftSaver), and finalises it once every field checks out.
 */
class FormsController : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    FormsController(FormsWorkspace *view, Clock clock, QObject *parent = nullptr);
    ~FormsController() override;

    /**
     * The open profile's replica, its attachments (signature pictures, photos) and the signed-in login (the owner
     * of new drafts); null on lock.
     */
    void setReplica(sync::Replica *replica, sync::LocalBlobs *blobs, const QString &owner);
    /** How attachments other devices made are downloaded (SyncService::fetchBlob); none: they are not. */
    void setFetcher(std::function<void(const QString &name, std::function<void(bool)>)> fetcher)
    {
        m_fetcher = std::move(fetcher);
    }
    /** The signed-in login changed (sign-in after unlock): new drafts are theirs, and only theirs are listed. */
    void setOwner(const QString &owner);
    /** Lists again (remote changes arrived, the language changed). */
    void refresh();

private:
    void open(const QString &key, bool isNew);
    void openSubmission(const formsync::SubmissionHeader &submission);
    /** Brings another device's changes (and the server's verdict) into the open draft. */
    void mergeOpenDraft();
    void finalise();
    void close();
    QString language() const;
    QString titleOf(const formsync::LayoutRecord &record);

    FormsWorkspace *m_view;
    Clock m_clock;
    sync::Replica *m_replica = nullptr;
    QString m_owner;
    std::unique_ptr<formsync::SubmissionStore> m_store;
    std::unique_ptr<formsync::LayoutCatalog> m_catalog;
    std::unique_ptr<Attachments> m_attachments;
    std::function<void(const QString &name, std::function<void(bool)>)> m_fetcher;
    // The open form: its layout outlives the widgets and controllers that point into it.
    std::unique_ptr<forms::Layout> m_layout;
    std::optional<formsync::SubmissionHeader> m_open;
    FormController *m_controller = nullptr;
    DraftSaver *m_saver = nullptr;
    QHash<QString, QString> m_titles; ///< "row id/language" -> the form's title
};

} // namespace fieldline::ui
