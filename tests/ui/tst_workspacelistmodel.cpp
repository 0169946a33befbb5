// The navigation model: one row per workspace, titles follow a retranslation, checked by
// QAbstractItemModelTester; the main window switches workspaces with Ctrl+1...
#include "ui/main/MainWindow.h"
#include "ui/main/Workspace.h"
#include "ui/main/WorkspaceListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace fieldline::ui;

namespace {
class FakeWorkspace : public Workspace
{
public:
    FakeWorkspace(QString id, QString title)
        : m_id(std::move(id))
        , m_title(std::move(title))
    {}
    QString id() const override { return m_id; }
    QString title() const override { return m_title; }
    void rename(const QString &title)
    {
        m_title = title;
        emit titleChanged();
    }

private:
    QString m_id;
    QString m_title;
};
} // namespace

class TestWorkspaceListModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsAndRoles();
    void titleChangeIsSignalled();
    void mainWindowSwitchesWithShortcuts();
};

void TestWorkspaceListModel::rowsAndRoles()
{
    WorkspaceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FakeWorkspace overview(QStringLiteral("overview"), QStringLiteral("Overview"));
    FakeWorkspace orders(QStringLiteral("orders"), QStringLiteral("Orders"));
    QCOMPARE(model.rowCount(), 0);
    model.addWorkspace(&overview);
    model.addWorkspace(&orders);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("Orders"));
    QCOMPARE(model.index(1).data(WorkspaceListModel::IdRole).toString(), QStringLiteral("orders"));
    QCOMPARE(
        model.index(0).data(Qt::ToolTipRole).toString(),
        QStringLiteral("Overview (%1)").arg(QKeySequence(Qt::CTRL | Qt::Key_1).toString(QKeySequence::NativeText)));
    QCOMPARE(model.workspaceAt(1), &orders);
    QCOMPARE(model.workspaceAt(2), nullptr);
    QCOMPARE(model.rowCount(model.index(0)), 0); // a list: no children
}

void TestWorkspaceListModel::titleChangeIsSignalled()
{
    WorkspaceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FakeWorkspace overview(QStringLiteral("overview"), QStringLiteral("Overview"));
    model.addWorkspace(&overview);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    overview.rename(QStringLiteral("概览"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("概览"));
}

void TestWorkspaceListModel::mainWindowSwitchesWithShortcuts()
{
    MainWindow window;
    auto *first = new FakeWorkspace(QStringLiteral("a"), QStringLiteral("A"));
    auto *second = new FakeWorkspace(QStringLiteral("b"), QStringLiteral("B"));
    window.addWorkspace(first);
    window.addWorkspace(second);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentWorkspace(), first);
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentWorkspace(), second);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentWorkspace(), first);
}

QTEST_MAIN(TestWorkspaceListModel)
#include "tst_workspacelistmodel.moc"
