#include "FormsController.h"

#include "Attachments.h"
#include "DraftSaver.h"
#include "FormController.h"
#include "FormView.h"
#include "FormsWorkspace.h"

#include "app/formsync/FormTables.h"

#include <QLocale>

#include <map>

namespace fieldline::ui {

using formsync::LayoutRecord;
using formsync::SubmissionHeader;

FormsController::FormsController(FormsWorkspace *view, Clock clock, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_clock(std::move(clock))
{
    connect(view, &FormsWorkspace::openRequested, this, &FormsController::open);
    connect(view, &FormsWorkspace::finaliseRequested, this, &FormsController::finalise);
    connect(view, &FormsWorkspace::titleChanged, this, &FormsController::refresh);
}

FormsController::~FormsController() = default;

void FormsController::setReplica(sync::Replica *replica, sync::LocalBlobs *blobs, const QString &owner)
{
    close();
    m_replica = replica;
    m_owner = owner;
    m_attachments = blobs ? std::make_unique<BlobAttachments>(*blobs, m_fetcher) : nullptr;
    m_store = replica ? std::make_unique<formsync::SubmissionStore>(*replica) : nullptr;
    m_catalog = replica ? std::make_unique<formsync::LayoutCatalog>(*replica) : nullptr;
    refresh();
}

void FormsController::setOwner(const QString &owner)
{
    if (owner == m_owner)
        return;
    close();
    m_owner = owner;
    refresh();
}

QString FormsController::language() const
{
    return QLocale().name();
}

QString FormsController::titleOf(const LayoutRecord &record)
{
    // A version's JSON never changes, so its title is read once per language, not at every sync round.
    const QString key = record.id.toHex() + u'/' + language();
    const auto cached = m_titles.constFind(key);
    if (cached != m_titles.cend())
        return *cached;
    const forms::LayoutReader::Result read = record.read();
    const QString title = read.layout ? read.layout->title.text(language()) : record.title;
    m_titles.insert(key, title);
    return title;
}

void FormsController::mergeOpenDraft()
{
    if (!m_open || !m_controller)
        return;
    auto header = m_store->header(m_open->id);
    auto cells = m_store->cells(m_open->id);
    if (!header || !cells)
        return;
    if (header->status == formsync::status::Returned && m_open->status != formsync::status::Returned)
        m_view->showProblem(tr("The server returned this form: %1").arg(header->problem));
    m_open = *header;
    std::vector<forms::LayoutProblem> unreadable;
    const forms::FormData data = formsync::SubmissionCells::decode(*cells, *m_layout, unreadable);
    const formsync::StoredCells shown = formsync::SubmissionCells::encode(data, *m_layout);
    if (shown == m_saver->saved())
        return;
    // Another device changed the draft: show its values and compare later saves with them.
    m_controller->merge(data);
    m_saver->rebase(shown);
}

void FormsController::refresh()
{
    std::vector<FormsWorkspace::Entry> startable, drafts;
    if (!m_store) {
        m_view->setEntries(startable, drafts);
        return;
    }
    mergeOpenDraft();
    auto records = m_catalog->all();
    auto unfinished = m_store->unfinished(m_owner);
    if (!records || !unfinished) {
        m_view->showProblem(tr("The forms cannot be listed: %1").arg(records.message() + unfinished.message()));
        return;
    }
    std::map<sync::RowId, QString> titles;
    for (const LayoutRecord &record : *records)
        titles[record.id] = titleOf(record);
    for (const LayoutRecord &record : formsync::LayoutCatalog::newestOfEach(*records))
        startable.push_back({record.id.toHex(), titles[record.id], QString(), false});
    for (const SubmissionHeader &draft : *unfinished) {
        const bool returned = draft.status == formsync::status::Returned;
        const QString started = QLocale().toString(
            QDateTime::fromString(draft.startedAt, Qt::ISODateWithMs).toLocalTime(), QLocale::ShortFormat);
        const auto title = titles.find(draft.layout);
        drafts.push_back(
            {draft.id.toHex(), title == titles.end() ? draft.form : title->second,
             returned ? tr("Returned: %1").arg(draft.problem.section(u'\n', 0, 0)) : tr("Started %1").arg(started),
             returned});
    }
    m_view->setEntries(startable, drafts);
}

void FormsController::open(const QString &key, bool isNew)
{
    if (!m_store)
        return;
    const std::optional<sync::RowId> id = sync::RowId::fromBytes(QByteArray::fromHex(key.toLatin1()));
    if (!id)
        return;
    sync::RowId submission = *id;
    if (isNew) {
        // A draft belongs to someone: without a login it would be nobody's, and every user would receive it.
        if (m_owner.isEmpty()) {
            m_view->showProblem(tr("Sign in first, so that the form is yours and reaches the server."));
            return;
        }
        auto record = m_catalog->record(*id);
        if (!record) {
            m_view->showProblem(record.message());
            return;
        }
        auto started = m_store->start(record->id, record->form, m_owner, m_clock());
        if (!started) {
            m_view->showProblem(tr("The form cannot be started: %1").arg(started.message()));
            return;
        }
        submission = *started;
    }
    auto header = m_store->header(submission);
    if (!header) {
        m_view->showProblem(header.message());
        return;
    }
    openSubmission(*header);
    refresh();
}

void FormsController::openSubmission(const SubmissionHeader &submission)
{
    close();
    // The version the draft was started with, whatever was published since.
    auto record = m_catalog->record(submission.layout);
    auto cells = m_store->cells(submission.id);
    if (!record || !cells) {
        m_view->showProblem(record.message() + cells.message());
        return;
    }
    forms::LayoutReader::Result read = record->read();
    if (!read.layout) {
        m_view->showProblem(
            tr("This version of the form cannot be shown: %1").arg(forms::LayoutJson::describe(read.problems)));
        return;
    }
    m_layout = std::make_unique<forms::Layout>(std::move(*read.layout));
    std::vector<forms::LayoutProblem> unreadable;
    const forms::FormData data = formsync::SubmissionCells::decode(*cells, *m_layout, unreadable);
    auto *view = new FormView(*m_layout, language(), m_attachments.get());
    m_controller = new FormController(*m_layout, view, m_clock, view);
    m_controller->setData(data);
    // The saver compares with what the form shows: values it could not read are never written, so they stay.
    m_saver = new DraftSaver(*m_store, submission, *m_layout, m_controller,
                             formsync::SubmissionCells::encode(data, *m_layout));
    connect(m_saver, &DraftSaver::saveFailed, m_view, &FormsWorkspace::showProblem);
    m_open = submission;
    m_view->showForm(view, m_layout->title.text(language()));
    if (submission.status == formsync::status::Returned)
        m_view->showProblem(tr("The server returned this form: %1").arg(submission.problem));
    else if (!unreadable.empty())
        m_view->showNotice(tr("Some stored values do not fit this form and are kept as they were."));
    const std::vector<const forms::FieldSpec *> fields = m_layout->allFields();
    if (!fields.empty())
        view->focusField(fields.front()->id);
}

void FormsController::finalise()
{
    if (!m_open || !m_controller)
        return;
    if (!m_controller->finalise()) {
        m_view->showProblem(tr("Some fields need attention; the first one has the focus."));
        return;
    }
    if (!m_saver->save())
        return;
    if (const storage::Status done = m_store->finalise(m_open->id, m_clock()); !done) {
        m_view->showProblem(tr("The form could not be finalised: %1").arg(done.message()));
        return;
    }
    close();
    refresh();
    m_view->showNotice(tr("The form was finalised; it is sent with the next sync."));
    m_view->focusList();
}

void FormsController::close()
{
    // The widgets and their controllers go first: they point into the layout.
    m_view->showForm(nullptr, tr("Forms"));
    m_controller = nullptr;
    m_saver = nullptr;
    m_open.reset();
    m_layout.reset();
}

} // namespace fieldline::ui
