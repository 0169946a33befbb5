// Child process for tst_formdraft: opens a submission's draft in the real form widgets and types TEXT into the
// "contact_name" field one key at a time, printing how many keys it typed after each one's save returned. Then it
// waits to be killed. The parent kills it with SIGKILL mid-typing and checks the draft on disk.
#include "app/formsync/LayoutCatalog.h"
#include "app/sync/AppSchema.h"
#include "storage/Database.h"
#include "sync/Clock.h"
#include "sync/Replica.h"
#include "ui/forms/DraftSaver.h"
#include "ui/forms/FieldControl.h"
#include "ui/forms/FormView.h"

#include <QApplication>
#include <QFile>
#include <QTest>
#include <QThread>

#include <cstdio>
#include <unistd.h>

using namespace fieldline;

namespace {

int fail(const char *what, const QString &why)
{
    std::fprintf(stderr, "draft_child: %s: %s\n", what, qPrintable(why));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 5)
        return fail("usage", QStringLiteral("draft_child DBPATH SUBMISSION LAYOUT.json TEXT"));
    const storage::DatabaseKey key{storage::SecretBytes::copyOf(QByteArray::fromHex(qgetenv("FIELDLINE_TEST_DEK"))),
                                   QByteArray::fromHex(qgetenv("FIELDLINE_TEST_FILEID")), 1};
    auto db = storage::Database::open(QString::fromLocal8Bit(argv[1]), key, {});
    if (!db)
        return fail("open", db.message());
    const sync::SystemClock clock;
    auto replica = sync::Replica::open(std::move(*db), app::appSchema(), clock);
    if (!replica)
        return fail("replica", replica.message());
    QFile file(QString::fromLocal8Bit(argv[3]));
    if (!file.open(QIODevice::ReadOnly))
        return fail("layout", file.errorString());
    const std::optional<forms::Layout> layout =
        forms::LayoutReader::read(file.readAll(), forms::LayoutJson::Mode::Render).layout;
    if (!layout)
        return fail("layout", QStringLiteral("does not read"));

    formsync::SubmissionStore store(**replica);
    const sync::RowId id = *sync::RowId::fromBytes(QByteArray::fromHex(argv[2]));
    auto header = store.header(id);
    auto cells = store.cells(id);
    if (!header || !cells)
        return fail("submission", header.message() + cells.message());
    std::vector<forms::LayoutProblem> problems;
    ui::FormView view(*layout, QStringLiteral("en"));
    ui::FormController controller(*layout, &view, [] { return QDateTime::currentDateTimeUtc(); });
    controller.setData(formsync::SubmissionCells::decode(*cells, *layout, problems));
    ui::DraftSaver saver(store, *header, *layout, &controller, *cells);
    QObject::connect(&saver, &ui::DraftSaver::saveFailed, [](const QString &message) { fail("save", message); });
    view.show();
    QWidget *field = view.control(QStringLiteral("contact_name"))->widget();

    const QString text = QString::fromUtf8(argv[4]);
    for (qsizetype typed = 0; typed < text.size(); ++typed) {
        QTest::keyClick(field, text.at(typed).toLatin1());
        const QByteArray line = QByteArray::number(typed + 1) + '\n';
        if (::write(1, line.constData(), size_t(line.size())) != line.size())
            return 1;
        QThread::msleep(2); // room for the parent's kill to land between keys as well as inside a save
    }
    for (;;)
        QThread::sleep(1);
}
