// The idle watcher fires after the timeout without input, input postpones it, zero disables it.
#include "ui/IdleWatcher.h"

#include <QSignalSpy>
#include <QWidget>
#include <QtTest>

using namespace fieldline::ui;
using namespace std::chrono_literals;

class TestIdleWatcher : public QObject
{
    Q_OBJECT

private slots:
    void firesWhenIdle();
    void inputPostpones();
    void zeroDisables();
    void stopStops();
};

void TestIdleWatcher::firesWhenIdle()
{
    IdleWatcher watcher;
    QSignalSpy idle(&watcher, &IdleWatcher::idle);
    watcher.setTimeout(50ms);
    watcher.start();
    QVERIFY(idle.wait(2000));
    QCOMPARE(idle.count(), 1);
    QVERIFY(!watcher.isActive()); // once, until started again
}

void TestIdleWatcher::inputPostpones()
{
    QWidget widget;
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    IdleWatcher watcher;
    QSignalSpy idle(&watcher, &IdleWatcher::idle);
    watcher.setTimeout(200ms);
    watcher.start();
    for (int i = 0; i < 8; ++i) {
        QTest::keyClick(&widget, Qt::Key_A);
        QTest::qWait(50);
    }
    QCOMPARE(idle.count(), 0); // 400 ms in, but never 200 ms without a key
    QVERIFY(idle.wait(2000));
}

void TestIdleWatcher::zeroDisables()
{
    IdleWatcher watcher;
    QSignalSpy idle(&watcher, &IdleWatcher::idle);
    watcher.setTimeout(0ms);
    watcher.start();
    QVERIFY(!watcher.isActive());
    QTest::qWait(100);
    QCOMPARE(idle.count(), 0);
}

void TestIdleWatcher::stopStops()
{
    IdleWatcher watcher;
    QSignalSpy idle(&watcher, &IdleWatcher::idle);
    watcher.setTimeout(30ms);
    watcher.start();
    watcher.stop();
    QTest::qWait(100);
    QCOMPARE(idle.count(), 0);
}

QTEST_MAIN(TestIdleWatcher)
#include "tst_idlewatcher.moc"
