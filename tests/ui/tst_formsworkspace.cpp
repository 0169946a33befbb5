// The forms workspace from the keyboard alone, offscreen, over a real encrypted replica: start the visit report
// from the list, fill it in, finalise (refused until the required fields are filled), and a draft that the server
// returned shows why. A draft opens with the layout version it was started with, not the newest.
#include "../sync/SyncTestKit.h"
#include "app/formsync/FormTables.h"
#include "app/sync/AppSchema.h"
#include "ui/forms/FieldControl.h"
#include "ui/forms/FormView.h"
#include "ui/forms/FormsController.h"
#include "ui/forms/FormsWorkspace.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline;

namespace {

const QDateTime Now(QDate(2026, 12, 4), QTime(9, 30), Qt::UTC);

QByteArray visitReport(int version)
{
    QFile file(qEnvironmentVariable("FIELDLINE_SOURCE_DIR") + QStringLiteral("/resources/forms/visit-report.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("run through ctest, which sets FIELDLINE_SOURCE_DIR");
    QByteArray json = file.readAll();
    const QByteArray numbered = "\"version\": " + QByteArray::number(version) + ',';
    json.replace("\"version\": 1,", numbered);
    if (version > 1)
        json.replace("\"Visit report\"", "\"Visit report (new)\"");
    return json;
}

/** A layout row as the server writes it (devices receive these by sync; here it is written locally). */
void addLayout(synctest::Device &device, int version)
{
    const QByteArray json = visitReport(version);
    QVERIFY(device->insert(formsync::tables::Layouts, formsync::layoutRowId(QStringLiteral("visit-report"), version),
                           {{QStringLiteral("form"), QStringLiteral("visit-report")},
                            {QStringLiteral("version"), qint64(version)},
                            {QStringLiteral("title"), QStringLiteral("Visit report")},
                            {QStringLiteral("body"), QString::fromUtf8(json)},
                            {QStringLiteral("status"), formsync::status::Published}}));
}

QStringList listed(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text().section(QStringLiteral(" · "), 0, 0);
    return out;
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(QApplication::focusWidget(), key, modifiers);
}

} // namespace

class tst_FormsWorkspace : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void startFillAndFinaliseFromTheKeyboard()
    {
        synctest::Device device(m_dir.filePath(QStringLiteral("forms.db")), Now.toMSecsSinceEpoch(), app::appSchema());
        QCOMPARE(device.open(), QString());
        addLayout(device, 1);

        ui::FormsWorkspace workspace;
        ui::FormsController controller(&workspace, [] { return Now; });
        controller.setReplica(&*device, nullptr, QStringLiteral("alice"));
        workspace.resize(1000, 800);
        workspace.show();
        QVERIFY(QTest::qWaitForWindowActive(&workspace));
        auto *list = workspace.findChild<QListWidget *>(QStringLiteral("formsList"));
        QCOMPARE(listed(list), (QStringList{QStringLiteral("Start a form"), QStringLiteral("Visit report"),
                                            QStringLiteral("No drafts")}));

        // Enter on the form starts a draft and puts the focus in its first field.
        workspace.focusList();
        QCOMPARE(list->currentRow(), 1);
        press(Qt::Key_Return);
        QVERIFY(workspace.form());
        auto *form = qobject_cast<ui::FormView *>(workspace.form());
        QCOMPARE(QApplication::focusWidget(), form->control(QStringLiteral("visited_on"))->widget());
        QCOMPARE(listed(list).mid(2), (QStringList{QStringLiteral("Drafts"), QStringLiteral("Visit report")}));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("2026-12-03"));

        // Finalising too early: refused, the focus on the first missing field, nothing finalised.
        press(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(workspace.form());
        QCOMPARE(QApplication::focusWidget(), form->control(QStringLiteral("contact_name"))->widget());
        formsync::SubmissionStore store(*device);
        QCOMPARE(store.unfinished(QStringLiteral("alice"))->size(), size_t(1));
        QVERIFY(store.unfinished(QStringLiteral("bob"))->empty()); // only the owner's drafts are listed
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Li Wei"));

        // Another device fills in the arrival time meanwhile: it shows up, the field being typed in keeps its
        // text and focus, and the next keystroke here does not undo it.
        const formsync::SubmissionHeader draft = store.unfinished(QStringLiteral("alice"))->front();
        const formsync::StoredCells before = *store.cells(draft.id);
        formsync::StoredCells elsewhere = before;
        elsewhere.insert(QStringLiteral("arrived"), QStringLiteral("[\"10:45\"]"));
        QVERIFY(store.save(draft, before, elsewhere));
        QWidget *typing = QApplication::focusWidget();
        controller.refresh(); // what a sync round that applied remote changes does
        QCOMPARE(qobject_cast<QLineEdit *>(form->control(QStringLiteral("arrived"))->widget())->text(),
                 QStringLiteral("10:45"));
        QCOMPARE(QApplication::focusWidget(), typing);
        QTest::keyClicks(typing, QStringLiteral("!"));
        QCOMPARE(store.cells(draft.id)->value(QStringLiteral("arrived")), sync::Value(QStringLiteral("[\"10:45\"]")));
        QCOMPARE(store.cells(draft.id)->value(QStringLiteral("contact_name")),
                 sync::Value(QStringLiteral("[\"Li Wei!\"]")));
        QTest::keyClick(typing, Qt::Key_Backspace);
        form->focusField(QStringLiteral("outcome"));
        press(Qt::Key_Down);
        press(Qt::Key_Down);
        press(Qt::Key_Down); // not interested

        press(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!workspace.form());
        QVERIFY(store.unfinished(QStringLiteral("alice"))->empty());
        QCOMPARE(listed(list).last(), QStringLiteral("No drafts"));
        QCOMPARE(QApplication::focusWidget(), list);
        const QStringList finals = synctest::strings(device, "SELECT status FROM form_submissions");
        QCOMPARE(finals, QStringList{formsync::status::Final});
    }

    void draftOpensWithItsVersionAndTheServersReason()
    {
        synctest::Device device(m_dir.filePath(QStringLiteral("pinned.db")), Now.toMSecsSinceEpoch(), app::appSchema());
        QCOMPARE(device.open(), QString());
        addLayout(device, 1);
        formsync::SubmissionStore store(*device);
        const sync::RowId draft = *store.start(formsync::layoutRowId(QStringLiteral("visit-report"), 1),
                                               QStringLiteral("visit-report"), QStringLiteral("alice"), Now);
        QVERIFY(device->update(formsync::tables::Submissions, draft,
                               {{QStringLiteral("status"), formsync::status::Returned},
                                {QStringLiteral("problem"), QStringLiteral("contact_name: This field is required.")}}));
        addLayout(device, 2);

        ui::FormsWorkspace workspace;
        ui::FormsController controller(&workspace, [] { return Now; });
        controller.setReplica(&*device, nullptr, QStringLiteral("alice"));
        workspace.show();
        QVERIFY(QTest::qWaitForWindowActive(&workspace));
        auto *list = workspace.findChild<QListWidget *>(QStringLiteral("formsList"));
        // New forms start with version 2; the draft keeps version 1's title.
        QCOMPARE(listed(list), (QStringList{QStringLiteral("Start a form"), QStringLiteral("Visit report (new)"),
                                            QStringLiteral("Drafts"), QStringLiteral("Visit report")}));
        QVERIFY(list->item(3)->text().contains(QStringLiteral("Returned: contact_name: This field is required.")));
        workspace.focusList();
        press(Qt::Key_Down);
        press(Qt::Key_Down);
        QCOMPARE(list->currentRow(), 3);
        press(Qt::Key_Return);
        QVERIFY(workspace.form());
        QCOMPARE(workspace.findChild<QLabel *>(QStringLiteral("formHeading"))->text(), QStringLiteral("Visit report"));
        bool reasonShown = false;
        for (const QLabel *label : workspace.findChildren<QLabel *>())
            reasonShown =
                reasonShown || (label->isVisible() && label->text().contains(QStringLiteral("returned this form")));
        QVERIFY(reasonShown);
        // Escape goes back to the list, leaving the draft open.
        press(Qt::Key_Escape);
        QCOMPARE(QApplication::focusWidget(), list);
        QVERIFY(workspace.form());
        // Without a login no draft is started: it would be nobody's.
        controller.setOwner(QString());
        QVERIFY(!workspace.form());
        workspace.focusList();
        list->setCurrentRow(1);
        press(Qt::Key_Return);
        QVERIFY(!workspace.form());
        QCOMPARE(synctest::count(device, "SELECT count(*) FROM form_submissions"), 1);
        controller.setOwner(QStringLiteral("alice"));
        // Locking closes the form and empties the list.
        controller.setReplica(nullptr, nullptr, QString());
        QVERIFY(!workspace.form());
        QCOMPARE(listed(list), (QStringList{QStringLiteral("Start a form"), QStringLiteral("No drafts")}));
    }
};

QTEST_MAIN(tst_FormsWorkspace)
#include "tst_formsworkspace.moc"
