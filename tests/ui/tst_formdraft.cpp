// Drafts save as the user types: every change in the real widgets is in the encrypted store when the keystroke
// returns, a draft reopens exactly as it was left, and a process killed mid-typing loses no acknowledged key.
#include "../sync/SyncTestKit.h"
#include "app/forms/LayoutReader.h"
#include "app/formsync/FormTables.h"
#include "app/sync/AppSchema.h"
#include "ui/forms/DraftSaver.h"
#include "ui/forms/FormView.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline;

namespace {

const QDateTime Now(QDate(2026, 12, 4), QTime(9, 30), Qt::UTC);

QString layoutPath()
{
    return qEnvironmentVariable("FIELDLINE_SOURCE_DIR") + QStringLiteral("/resources/forms/visit-report.json");
}

forms::Layout visitReport()
{
    QFile file(layoutPath());
    if (!file.open(QIODevice::ReadOnly))
        qFatal("run through ctest, which sets FIELDLINE_SOURCE_DIR");
    return *forms::LayoutReader::read(file.readAll(), forms::LayoutJson::Mode::Render).layout;
}

/** A draft of the visit report on @p device; the layout row is not needed to fill it in. */
sync::RowId startDraft(synctest::Device &device)
{
    formsync::SubmissionStore store(*device);
    return *store.start(formsync::layoutRowId(QStringLiteral("visit-report"), 1), QStringLiteral("visit-report"),
                        QStringLiteral("alice"), Now);
}

void type(const QString &text)
{
    QTest::keyClicks(QApplication::focusWidget(), text);
}

} // namespace

class tst_FormDraft : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void everyKeystrokeIsSavedAndTheDraftReopens()
    {
        synctest::Device device(m_dir.filePath(QStringLiteral("draft.db")), Now.toMSecsSinceEpoch(), app::appSchema());
        QCOMPARE(device.open(), QString());
        const sync::RowId id = startDraft(device);
        const forms::Layout layout = visitReport();
        formsync::SubmissionStore store(*device);
        {
            ui::FormView view(layout, QStringLiteral("en"));
            ui::FormController controller(layout, &view, [] { return Now; });
            ui::DraftSaver saver(store, *store.header(id), layout, &controller, {});
            QSignalSpy saves(&saver, &ui::DraftSaver::draftSaved);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.focusField(QStringLiteral("contact_name"));
            type(QStringLiteral("Li"));
            // Saved by the time the key returns: no timer, no event loop needed.
            QCOMPARE(saves.size(), 2);
            QCOMPARE(store.cells(id)->value(QStringLiteral("contact_name")), sync::Value(QStringLiteral("[\"Li\"]")));
            type(QStringLiteral(" Wei"));
            view.focusField(QStringLiteral("satisfaction"));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
            view.focusField(QStringLiteral("shelf_ok"));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
            QCOMPARE(*store.cells(id), saver.saved());
        }
        // The same draft in new widgets: every value is back, and nothing more was written by opening it.
        const qint64 writes = device->lastSeq();
        std::vector<forms::LayoutProblem> problems;
        const forms::FormData reopened = formsync::SubmissionCells::decode(*store.cells(id), layout, problems);
        QVERIFY(problems.empty());
        QCOMPARE(reopened.value(QStringLiteral("contact_name")).toText(), QStringLiteral("Li Wei"));
        QCOMPARE(reopened.value(QStringLiteral("shelf_ok")), forms::FormValue::boolean(true));
        QVERIFY(!reopened.value(QStringLiteral("satisfaction")).isNull());
        ui::FormView view(layout, QStringLiteral("en"));
        ui::FormController controller(layout, &view, [] { return Now; });
        controller.setData(reopened);
        ui::DraftSaver saver(store, *store.header(id), layout, &controller, *store.cells(id));
        QVERIFY(saver.save());
        QCOMPARE(device->lastSeq(), writes);
    }

    void killedWhileTypingLosesNoAcknowledgedKey()
    {
        const QString path = m_dir.filePath(QStringLiteral("killed.db"));
        synctest::Device device(path, Now.toMSecsSinceEpoch(), app::appSchema());
        QCOMPARE(device.open(), QString());
        const sync::RowId id = startDraft(device);
        device.close();

        const QString text = QStringLiteral("Alexandra Okonkwo-Lindqvist");
        const int killAfter = int(QRandomGenerator::global()->bounded(3, int(text.size()) - 3));
        qInfo("killing the child after %d acknowledged keys", killAfter);
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FIELDLINE_TEST_DEK"),
                   QString::fromLatin1(device.key.dek.view().toByteArray().toHex()));
        env.insert(QStringLiteral("FIELDLINE_TEST_FILEID"), QString::fromLatin1(device.key.fileId.toHex()));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(DRAFT_CHILD), {path, id.toHex(), layoutPath(), text});
        QVERIFY(child.waitForStarted(10'000));
        int acknowledged = 0;
        QByteArray pending;
        for (int wait = 0; wait < 300 && acknowledged < killAfter; ++wait) {
            child.waitForReadyRead(100);
            pending += child.readAllStandardOutput();
            while (pending.contains('\n')) {
                const qsizetype end = pending.indexOf('\n');
                acknowledged = pending.left(end).toInt();
                pending.remove(0, end + 1);
            }
        }
        // The child may have acknowledged a few more keys than asked for while the parent was busy: all count.
        QVERIFY2(acknowledged >= killAfter, qPrintable(QStringLiteral("%1 keys acknowledged").arg(acknowledged)));
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10'000));

        QCOMPARE(device.open(), QString());
        formsync::SubmissionStore store(*device);
        std::vector<forms::LayoutProblem> problems;
        const QString saved = formsync::SubmissionCells::decode(*store.cells(id), visitReport(), problems)
                                  .value(QStringLiteral("contact_name"))
                                  .toText();
        QVERIFY(problems.empty());
        qInfo("after %d acknowledged keys the draft holds \"%s\"", acknowledged, qPrintable(saved));
        // A text field's value is trimmed, so a key that typed a trailing space adds nothing to it.
        QVERIFY2(text.startsWith(saved) && saved.size() >= text.left(acknowledged).trimmed().size(),
                 qPrintable(QStringLiteral("saved \"%1\" after %2 keys").arg(saved).arg(acknowledged)));
    }
};

QTEST_MAIN(tst_FormDraft)
#include "tst_formdraft.moc"
