// The passphrase estimate: guessable patterns rate low whatever their length, unrelated words rate high,
// user words count as guessable, and the acceptance line sits at Fair.
#include "app/PassphraseStrength.h"

#include <QtTest>

using fieldline::app::PassphraseStrength;
using Level = PassphraseStrength::Level;

class TestPassphraseStrength : public QObject
{
    Q_OBJECT

private slots:
    void levels_data();
    void levels();
    void thresholds();
    void userWordsCountAsGuessable();
    void longInputStaysFast();
};

void TestPassphraseStrength::levels_data()
{
    QTest::addColumn<QString>("passphrase");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("dictionary word") << QStringLiteral("password") << false;
    QTest::newRow("word and digit") << QStringLiteral("Password1") << false;
    QTest::newRow("keyboard walk") << QStringLiteral("qwertyuiop") << false;
    QTest::newRow("repeated") << QStringLiteral("hunter2hunter2") << false;
    QTest::newRow("four unrelated words") << QStringLiteral("kettle orbit maple lantern 47") << true;
    QTest::newRow("long phrase") << QStringLiteral("Blue-Kettle-Sings-At-Dawn-42") << true;
}

void TestPassphraseStrength::levels()
{
    QFETCH(QString, passphrase);
    QFETCH(bool, acceptable);
    const PassphraseStrength strength = PassphraseStrength::estimate(passphrase);
    QCOMPARE(strength.isAcceptable(), acceptable);
    if (passphrase.isEmpty())
        QCOMPARE(strength.level(), Level::Empty);
    else if (acceptable)
        QVERIFY(strength.entropyBits() >= 40);
    else
        QVERIFY2(strength.entropyBits() < 40, qPrintable(QString::number(strength.entropyBits())));
}

void TestPassphraseStrength::thresholds()
{
    QCOMPARE(PassphraseStrength::levelForBits(0), Level::VeryWeak);
    QCOMPARE(PassphraseStrength::levelForBits(24.9), Level::VeryWeak);
    QCOMPARE(PassphraseStrength::levelForBits(25), Level::Weak);
    QCOMPARE(PassphraseStrength::levelForBits(39.9), Level::Weak);
    QCOMPARE(PassphraseStrength::levelForBits(40), Level::Fair);
    QCOMPARE(PassphraseStrength::levelForBits(55), Level::Strong);
    QCOMPARE(PassphraseStrength::levelForBits(70), Level::VeryStrong);
}

void TestPassphraseStrength::userWordsCountAsGuessable()
{
    const QString phrase = QStringLiteral("zorblatfieldline");
    const double plain = PassphraseStrength::estimate(phrase).entropyBits();
    const double withWords =
        PassphraseStrength::estimate(phrase, {QStringLiteral("zorblat"), QStringLiteral("fieldline")}).entropyBits();
    QVERIFY2(withWords < plain, qPrintable(QStringLiteral("%1 vs %2").arg(withWords).arg(plain)));
}

void TestPassphraseStrength::longInputStaysFast()
{
    // Every keystroke is estimated; a pasted novel must not freeze the field.
    const QString longText = QString(QStringLiteral("abc def ghi ")).repeated(2000);
    QElapsedTimer timer;
    timer.start();
    const PassphraseStrength strength = PassphraseStrength::estimate(longText);
    QVERIFY(timer.elapsed() < 500);
    QVERIFY(strength.level() != Level::Empty);
}

QTEST_GUILESS_MAIN(TestPassphraseStrength)
#include "tst_passphrasestrength.moc"
