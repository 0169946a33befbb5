// The custom controls: the strength meter names every level (never colour alone) and the message banner
// shows plain text, offers Try again only when asked, and re-renders its message after a language switch.
#include "storage/Error.h"
#include "ui/ErrorMessages.h"
#include "ui/controls/MessageBanner.h"
#include "ui/controls/StrengthMeter.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace fieldline;
using namespace fieldline::ui;
using Level = app::PassphraseStrength::Level;

class TestControls : public QObject
{
    Q_OBJECT

private slots:
    void strengthMeterNamesLevels_data();
    void strengthMeterNamesLevels();
    void bannerShowsAndClears();
    void bannerRetranslates();
    void storageFullIsPlainWords();
};

void TestControls::strengthMeterNamesLevels_data()
{
    QTest::addColumn<Level>("level");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << Level::Empty << QString();
    QTest::newRow("very weak") << Level::VeryWeak << QStringLiteral("Very weak");
    QTest::newRow("weak") << Level::Weak << QStringLiteral("Weak");
    QTest::newRow("fair") << Level::Fair << QStringLiteral("Fair");
    QTest::newRow("strong") << Level::Strong << QStringLiteral("Strong");
    QTest::newRow("very strong") << Level::VeryStrong << QStringLiteral("Very strong");
}

void TestControls::strengthMeterNamesLevels()
{
    QFETCH(Level, level);
    QFETCH(QString, text);
    StrengthMeter meter;
    meter.setLevel(level);
    QCOMPARE(meter.levelText(), text);
    QCOMPARE(meter.findChild<QLabel *>()->text(), text);
    QCOMPARE(meter.accessibleName(), QStringLiteral("Passphrase strength"));
    QVERIFY(!meter.accessibleDescription().isEmpty());
}

void TestControls::bannerShowsAndClears()
{
    MessageBanner banner;
    banner.show();
    QVERIFY(banner.text().isEmpty());
    banner.showMessage(
        MessageBanner::Kind::Error, [] { return QStringLiteral("<b>not bold</b>"); }, true);
    QCOMPARE(banner.text(), QStringLiteral("<b>not bold</b>"));
    QCOMPARE(banner.findChild<QLabel *>()->textFormat(), Qt::PlainText);
    QVERIFY(banner.offersRetry());
    QSignalSpy retry(&banner, &MessageBanner::retryRequested);
    banner.findChild<QPushButton *>()->click();
    QCOMPARE(retry.count(), 1);

    banner.showMessage(MessageBanner::Kind::Notice, [] { return QStringLiteral("done"); });
    QVERIFY(!banner.offersRetry());
    banner.clear();
    QVERIFY(banner.isHidden());
    QVERIFY(banner.text().isEmpty());
}

void TestControls::bannerRetranslates()
{
    MessageBanner banner;
    QString language = QStringLiteral("one");
    banner.showMessage(MessageBanner::Kind::Notice, [&language] { return language; });
    QCOMPARE(banner.text(), QStringLiteral("one"));
    language = QStringLiteral("two");
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(&banner, &change);
    QCOMPARE(banner.text(), QStringLiteral("two"));
}

void TestControls::storageFullIsPlainWords()
{
    const storage::Error full{storage::ErrorCode::StorageFull, QStringLiteral("SQLITE_FULL: database or disk is full"),
                              13};
    const QString text = ErrorMessages::describe(full);
    QVERIFY(text.startsWith(QStringLiteral("Your disk is full")));
    QVERIFY(text.contains(QStringLiteral("Nothing you entered is lost")));
    QVERIFY(!text.contains(QStringLiteral("SQLITE"))); // no jargon in the message people act on
    QVERIFY(ErrorMessages::isRetryable(storage::ErrorCode::StorageFull));
    QVERIFY(!ErrorMessages::isRetryable(storage::ErrorCode::WrongKey));
    const QString io = ErrorMessages::describe({storage::ErrorCode::Io, QStringLiteral("EIO"), 10});
    QVERIFY(io.endsWith(QStringLiteral("Details: EIO")));
}

QTEST_MAIN(TestControls)
#include "tst_controls.moc"
