// Exact decimals for forms: parsing, the four operations with their rounding (half to even), comparison across
// scales, and refusals (too many digits, overflow, division by zero) instead of wrong numbers.
#include "app/forms/Decimal.h"

#include <QtTest>

using fieldline::forms::Decimal;

namespace {

Decimal d(const char *text)
{
    const auto parsed = Decimal::parse(QString::fromLatin1(text));
    if (!parsed)
        qFatal("not a decimal: %s", text);
    return *parsed;
}

QString shown(const std::optional<Decimal> &value)
{
    return value ? value->toString() : QStringLiteral("none");
}

} // namespace

class TestDecimal : public QObject
{
    Q_OBJECT

private slots:
    void parsesAndPrintsShortest_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("integer") << "12"
                                 << "12";
        QTest::newRow("trailing zeros") << "2.500"
                                        << "2.5";
        QTest::newRow("leading point") << ".25"
                                       << "0.25";
        QTest::newRow("trailing point") << "3."
                                        << "3";
        QTest::newRow("negative") << "-0.05"
                                  << "-0.05";
        QTest::newRow("minus zero is zero") << "-0.0"
                                            << "0";
        QTest::newRow("36 digits") << "123456789012345678.901234567890123456"
                                   << "123456789012345678.901234567890123456";
        QTest::newRow("18 decimals") << "0.000000000000000001"
                                     << "0.000000000000000001";
    }
    void parsesAndPrintsShortest()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        const auto parsed = Decimal::parse(text);
        QVERIFY(parsed);
        QCOMPARE(parsed->toString(), shown);
    }

    void refusesWhatIsNotADecimal_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : {"", "-", ".", "1.2.3", "1e5", "1,000", " 1", "+1", "0x10", "١٢",
                                "1234567890123456789012345678901234567", "0.0000000000000000001"})
            QTest::newRow(bad) << QString::fromUtf8(bad);
    }
    void refusesWhatIsNotADecimal()
    {
        QFETCH(QString, text);
        QVERIFY(!Decimal::parse(text));
    }

    void arithmeticIsExact_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<char>("op");
        QTest::addColumn<QString>("b");
        QTest::addColumn<QString>("result");
        QTest::newRow("0.1 + 0.2") << "0.1" << '+' << "0.2"
                                   << "0.3";
        QTest::newRow("1 - 0.9") << "1" << '-' << "0.9"
                                 << "0.1";
        QTest::newRow("scales add") << "1.25" << '*' << "0.2"
                                    << "0.25";
        QTest::newRow("money") << "19.99" << '*' << "3"
                               << "59.97";
        QTest::newRow("1 / 3") << "1" << '/' << "3"
                               << "0.333333333333";
        QTest::newRow("2 / 3 rounds") << "2" << '/' << "3"
                                      << "0.666666666667";
        QTest::newRow("exact quotient") << "7.5" << '/' << "2.5"
                                        << "3";
        QTest::newRow("half to even down") << "0.0000000000005" << '/' << "1"
                                           << "0";
        QTest::newRow("half to even up") << "0.0000000000015" << '/' << "1"
                                         << "0.000000000002";
        QTest::newRow("negative quotient") << "-1" << '/' << "8"
                                           << "-0.125";
        QTest::newRow("remainder") << "7.5" << '%' << "2"
                                   << "1.5";
        QTest::newRow("negative remainder") << "-7" << '%' << "3"
                                            << "-1";
        QTest::newRow("product past 18 decimals rounds") << "0.000000001" << '*' << "0.0000000015"
                                                         << "0.000000000000000002";
        QTest::newRow("big sum") << "999999999999999999999999999999999999" << '+' << "1"
                                 << "1000000000000000000000000000000000000";
    }
    void arithmeticIsExact()
    {
        QFETCH(QString, a);
        QFETCH(char, op);
        QFETCH(QString, b);
        QFETCH(QString, result);
        const Decimal x = *Decimal::parse(a);
        const Decimal y = *Decimal::parse(b);
        const std::optional<Decimal> r = op == '+'   ? x.plus(y)
                                         : op == '-' ? x.minus(y)
                                         : op == '*' ? x.times(y)
                                         : op == '/' ? x.dividedBy(y)
                                                     : x.remainder(y);
        QCOMPARE(shown(r), result);
    }

    void refusesWhatDoesNotFit()
    {
        const Decimal big = d("99999999999999999999999999999999999");
        QVERIFY(!big.times(big));
        QVERIFY(!big.times(d("100000")));
        QVERIFY(!d("1").dividedBy(d("0")));
        QVERIFY(!d("1").remainder(d("0.000")));
        QVERIFY(!big.dividedBy(d("0.000000000000000001"))); // the quotient would need 53 digits
    }

    void comparesAcrossScales()
    {
        QCOMPARE(d("2.50").compare(d("2.5")), 0);
        QVERIFY(d("2.5") == d("2.500"));
        QCOMPARE(d("-1").compare(d("0.5")), -1);
        QCOMPARE(d("10").compare(d("9.999999999999999999")), 1);
        QCOMPARE(d("99999999999999999999999999999999999").compare(d("0.000000000000000001")), 1);
        QCOMPARE(d("-99999999999999999999999999999999999").compare(d("0.000000000000000001")), -1);
    }

    void roundsHalfToEven()
    {
        QCOMPARE(d("2.345").rounded(2).toString(), QStringLiteral("2.34"));
        QCOMPARE(d("2.355").rounded(2).toString(), QStringLiteral("2.36"));
        QCOMPARE(d("-2.5").rounded(0).toString(), QStringLiteral("-2"));
        QCOMPARE(d("3.5").rounded(0).toString(), QStringLiteral("4"));
        QCOMPARE(d("1.2").rounded(5).toString(), QStringLiteral("1.2"));
        QCOMPARE(d("42").toInt64(), std::optional<qint64>(42));
        QCOMPARE(d("4.2").toInt64(), std::nullopt);
        QCOMPARE(d("99999999999999999999").toInt64(), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
