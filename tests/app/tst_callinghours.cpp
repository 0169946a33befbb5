// Calling hours in the called person's wall-clock time: a known zone, daylight-saving days on both sides, a region
// that spans several zones (open only when open in all of them), unknown places never open; zone keys from a
// contact's zone or a number's region; windows as campaigns write them.
#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/PhoneNumbers.h"

#include <QtTest>

using namespace fieldline::telemarketing;

namespace {

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

} // namespace

class TestCallingHours : public QObject
{
    Q_OBJECT

private slots:
    void windowOpensInThePersonsTime_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("end");
        QTest::addColumn<QString>("at");
        QTest::addColumn<bool>("open");
        const QString ny = QStringLiteral("tz:America/New_York");
        const QString nine = QStringLiteral("09:00");
        const QString twentyOne = QStringLiteral("21:00");
        // New York in summer (UTC-4) and winter (UTC-5).
        QTest::newRow("NY summer 08:59") << ny << nine << twentyOne << "2026-07-15T12:59:00Z" << false;
        QTest::newRow("NY summer 09:00") << ny << nine << twentyOne << "2026-07-15T13:00:00Z" << true;
        QTest::newRow("NY winter 08:30") << ny << nine << twentyOne << "2026-01-15T13:30:00Z" << false;
        QTest::newRow("NY winter 09:00") << ny << nine << twentyOne << "2026-01-15T14:00:00Z" << true;
        QTest::newRow("NY winter 20:59") << ny << nine << twentyOne << "2026-01-16T01:59:00Z" << true;
        QTest::newRow("NY winter 21:00 closed") << ny << nine << twentyOne << "2026-01-16T02:00:00Z" << false;
        // 8 March 2026: clocks go from 02:00 EST to 03:00 EDT. 13:00Z is 09:00 EDT (it would be 08:00 in EST).
        QTest::newRow("NY spring-forward day 09:00 EDT") << ny << nine << twentyOne << "2026-03-08T13:00:00Z" << true;
        QTest::newRow("NY day before, 08:00 EST") << ny << nine << twentyOne << "2026-03-07T13:00:00Z" << false;
        QTest::newRow("NY in the skipped hour")
            << ny << QStringLiteral("02:00") << QStringLiteral("03:00") << "2026-03-08T07:30:00Z" << false;
        // 1 November 2026: 02:00 EDT goes back to 01:00 EST; 01:30 happens twice, both inside 01:00-02:00.
        QTest::newRow("NY fall-back first 01:30")
            << ny << QStringLiteral("01:00") << QStringLiteral("02:00") << "2026-11-01T05:30:00Z" << true;
        QTest::newRow("NY fall-back second 01:30")
            << ny << QStringLiteral("01:00") << QStringLiteral("02:00") << "2026-11-01T06:30:00Z" << true;
        QTest::newRow("NY fall-back day 20:59 EST") << ny << nine << twentyOne << "2026-11-02T01:59:00Z" << true;
        QTest::newRow("NY fall-back day 21:00 EST") << ny << nine << twentyOne << "2026-11-02T02:00:00Z" << false;
        // Europe changes on other days: on 22 March 2026 New York is already on summer time, Berlin not yet.
        QTest::newRow("Berlin before its change, 09:00 CET")
            << QStringLiteral("tz:Europe/Berlin") << nine << twentyOne << "2026-03-22T08:00:00Z" << true;
        QTest::newRow("Berlin after its change, 09:00 CEST")
            << QStringLiteral("tz:Europe/Berlin") << nine << twentyOne << "2026-03-30T07:00:00Z" << true;
        QTest::newRow("Berlin after its change, 08:00 CEST")
            << QStringLiteral("tz:Europe/Berlin") << nine << twentyOne << "2026-03-30T06:00:00Z" << false;
        // Sydney's summer is January: UTC+11.
        QTest::newRow("Sydney January 09:00")
            << QStringLiteral("tz:Australia/Sydney") << nine << twentyOne << "2026-01-14T22:00:00Z" << true;
        QTest::newRow("Sydney July 08:00")
            << QStringLiteral("tz:Australia/Sydney") << nine << twentyOne << "2026-07-14T22:00:00Z" << false;
        // The US without a known zone: from 09:00 on Adak (UTC-10 in winter) to 21:00 in New York (UTC-5).
        const QString us = QStringLiteral("region:US");
        QTest::newRow("US 09:00 NY, 04:00 Adak") << us << nine << twentyOne << "2026-01-15T14:00:00Z" << false;
        QTest::newRow("US 08:59 Adak") << us << nine << twentyOne << "2026-01-15T18:59:00Z" << false;
        QTest::newRow("US 09:00 Adak, 14:00 NY") << us << nine << twentyOne << "2026-01-15T19:00:00Z" << true;
        QTest::newRow("US 20:59 NY") << us << nine << twentyOne << "2026-01-16T01:59:00Z" << true;
        QTest::newRow("US 21:00 NY") << us << nine << twentyOne << "2026-01-16T02:00:00Z" << false;
        // China has Shanghai (UTC+8) and Urumqi (UTC+6).
        const QString cn = QStringLiteral("region:CN");
        QTest::newRow("CN 10:00 Shanghai, 08:00 Urumqi") << cn << nine << twentyOne << "2026-05-04T02:00:00Z" << false;
        QTest::newRow("CN 09:00 Urumqi") << cn << nine << twentyOne << "2026-05-04T03:00:00Z" << true;
        QTest::newRow("CN 21:00 Shanghai") << cn << nine << twentyOne << "2026-05-04T13:00:00Z" << false;
        QTest::newRow("DE one zone in effect")
            << QStringLiteral("region:DE") << nine << twentyOne << "2026-05-04T07:00:00Z" << true;
        // Places nobody can tell are never open.
        QTest::newRow("unknown zone") << QStringLiteral("tz:Nowhere/Atlantis") << nine << twentyOne
                                      << "2026-05-04T12:00:00Z" << false;
        QTest::newRow("unknown region") << QStringLiteral("region:ZZ") << nine << twentyOne << "2026-05-04T12:00:00Z"
                                        << false;
        QTest::newRow("no key") << QString() << nine << twentyOne << "2026-05-04T12:00:00Z" << false;
    }

    void windowOpensInThePersonsTime()
    {
        QFETCH(QString, key);
        QFETCH(QString, start);
        QFETCH(QString, end);
        QFETCH(QString, at);
        QFETCH(bool, open);
        const std::optional<CallingWindow> window = CallingWindow::parse(start, end);
        QVERIFY(window);
        CallingHours hours;
        QCOMPARE(hours.isOpen(key, *window, utc(at.toLatin1().constData())), open);
    }

    void regionsListTheirZones()
    {
        CallingHours hours;
        QVERIFY(hours.zonesOf(QStringLiteral("region:US")).size() > 10);
        QCOMPARE(hours.zonesOf(QStringLiteral("region:CN")).size(), size_t(2));
        QCOMPARE(hours.zonesOf(QStringLiteral("tz:Asia/Shanghai")).size(), size_t(1));
        QVERIFY(hours.zonesOf(QStringLiteral("region:")).empty());
        QVERIFY(hours.zonesOf(QStringLiteral("America/New_York")).empty()); // no prefix: not a key
        const QDateTime local = hours.localTime(QStringLiteral("tz:Asia/Shanghai"), utc("2026-05-04T02:00:00Z"));
        QCOMPARE(local.time(), QTime(10, 0));
        // A region whose zones disagree has no one local time to show.
        QVERIFY(!hours.localTime(QStringLiteral("region:US"), utc("2026-05-04T02:00:00Z")).isValid());
        QVERIFY(!hours.localTime(QStringLiteral("region:CN"), utc("2026-05-04T02:00:00Z")).isValid());
        QCOMPARE(hours.localTime(QStringLiteral("region:DE"), utc("2026-05-04T02:00:00Z")).time(), QTime(4, 0));
    }

    void zoneKeyPrefersTheContactsZone_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("key");
        QTest::newRow("known zone") << "America/Chicago"
                                    << "+12125550100"
                                    << "tz:America/Chicago";
        QTest::newRow("zone, no number") << "Europe/Berlin"
                                         << ""
                                         << "tz:Europe/Berlin";
        QTest::newRow("fixed-offset zone") << "Etc/GMT-8"
                                           << "+12125550100"
                                           << "tz:Etc/GMT-8";
        QTest::newRow("US number") << ""
                                   << "+12125550100"
                                   << "region:US";
        QTest::newRow("bad zone, CN number") << "Bogus/Zone"
                                             << "+8613800138000"
                                             << "region:CN";
        QTest::newRow("UK number") << ""
                                   << "+442079460958"
                                   << "region:GB";
        QTest::newRow("freephone, no region") << ""
                                              << "+80012345678"
                                              << "";
        QTest::newRow("not a number") << ""
                                      << "12345"
                                      << "";
    }

    void zoneKeyPrefersTheContactsZone()
    {
        QFETCH(QString, zone);
        QFETCH(QString, number);
        QFETCH(QString, key);
        QCOMPARE(ZoneKey::of(zone, number), key);
    }

    void numbersAreFormattedAsTyped_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("shown");
        QTest::newRow("US, national") << "2125550100"
                                      << "US"
                                      << "(212) 555-0100";
        QTest::newRow("US, half typed") << "212555"
                                        << "US"
                                        << "212-555";
        QTest::newRow("international") << "+8613800138000"
                                       << "US"
                                       << "+86 138 0013 8000";
        QTest::newRow("separators dropped") << "+1 (212) 555-0100"
                                            << ""
                                            << "+1 212-555-0100";
        QTest::newRow("letters dropped") << "abc"
                                         << "US"
                                         << "";
    }

    void numbersAreFormattedAsTyped()
    {
        QFETCH(QString, typed);
        QFETCH(QString, region);
        QFETCH(QString, shown);
        QCOMPARE(PhoneNumbers::formatAsTyped(typed, region), shown);
    }

    void windowsAreParsedStrictly_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("end");
        QTest::addColumn<bool>("valid");
        QTest::newRow("day") << "09:00"
                             << "21:00" << true;
        QTest::newRow("reversed") << "21:00"
                                  << "09:00" << false;
        QTest::newRow("empty") << "09:00"
                               << "09:00" << false;
        QTest::newRow("hour past 23") << "09:00"
                                      << "24:00" << false;
        QTest::newRow("words") << "nine"
                               << "21:00" << false;
    }

    void windowsAreParsedStrictly()
    {
        QFETCH(QString, start);
        QFETCH(QString, end);
        QFETCH(bool, valid);
        QCOMPARE(CallingWindow::parse(start, end).has_value(), valid);
    }
};

QTEST_GUILESS_MAIN(TestCallingHours)
#include "tst_callinghours.moc"
