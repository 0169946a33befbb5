// A CSV import is read and checked on a worker thread while the event loop serves other requests, on both backends:
// what it reads and writes afterwards is in its own tenant even when another tenant's request scoped the connection
// meanwhile (the rows its file names are looked up there too), and a row the file names that changes meanwhile makes
// it refuse (409) instead of writing against a row it no longer holds.
#include "TwoTenantServer.h"

#include "server/CsvRoutes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

#include <memory>

using namespace fieldline;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;
constexpr int Rows = 5000;        // enough phone numbers to keep the worker checking while the test acts
constexpr int DncNumbers = 20000; // checked for longer than the test waits before it deletes the campaign

QByteArray idOf(int i)
{
    return QByteArray::number(i).rightJustified(32, '0');
}

/** Rows contacts, each with its id and a phone number of its own. */
QByteArray contactsWithIds()
{
    QByteArray csv = "id,first_name,phone,time_zone\n";
    for (int i = 1; i <= Rows; ++i)
        csv += idOf(i) + ",Ann" + QByteArray::number(i) + ",+1 212 2" + QByteArray::number(10 + i / 10000) + ' ' +
               QByteArray::number(i % 10000).rightJustified(4, '0') + ",America/Chicago\n";
    return csv;
}

/** One active campaign with the id @p id. */
QByteArray campaignFile(const QByteArray &id)
{
    return "id,name,mode,window_start,window_end,max_attempts,retry_minutes,dispositions,status\n" + id +
           ",Drive,progressive,09:00,20:00,3,\"60,240\",\"[{\"\"code\"\": \"\"sale\"\", \"\"label\"\": "
           "{\"\"en\"\": \"\"Sale\"\"}, \"\"key\"\": \"\"1\"\"}]\",active\n";
}

int statusOf(QNetworkReply &reply)
{
    return reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestImportWait : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_postgres;

    struct Setup : TwoTenantServer
    {
        std::unique_ptr<server::CsvRoutes> csv;
    };

    /** A server on @p backend with two tenants, each with an admin "boss", and CsvRoutes. */
    Setup setUp(const QString &backend)
    {
        Setup s;
        if (s.start(m_dir.path(), backend, m_postgres, T0))
            s.csv = std::make_unique<server::CsvRoutes>(*s.server->api, *s.directory, *s.server->sync, *s.operatorFile,
                                                        s.server->clock, server::CsvRoutes::CursorMoved());
        return s;
    }

    static QUrl importUrl(const Setup &s, const QString &tenant, const QString &table)
    {
        return s.server->url().resolved(QUrl(QStringLiteral("/v1/admin/tenants/%1/import/%2").arg(tenant, table)));
    }

    /** An import sent now and answered whenever the server gets to it. */
    static std::unique_ptr<QNetworkReply> importLater(QNetworkAccessManager &network, const Setup &s,
                                                      const QString &tenant, const QString &table,
                                                      const QByteArray &csv, const QByteArray &token = {})
    {
        QNetworkRequest request(importUrl(s, tenant, table));
        request.setRawHeader("Authorization", "Bearer " + (token.isEmpty() ? s.operatorToken : token));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/csv"));
        return std::unique_ptr<QNetworkReply>(network.post(request, csv));
    }

    static AdminAnswer importNow(QNetworkAccessManager &network, const Setup &s, const QString &tenant,
                                 const QString &table, const QByteArray &csv)
    {
        return sendAdminRequest(network, importUrl(s, tenant, table), s.operatorToken, "POST", csv, "text/csv");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_postgres.setUp(QStringLiteral("postgres")), QString());
    }

    void backends_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    // The operator imports into alpha again while bravo's admin exports bravo's contacts, which scopes the connection
    // to bravo: the import still compares with alpha's rows (all unchanged) and writes nothing.
    void anImportStaysInItsTenantWhileAnotherIsServed_data() { backends_data(); }
    void anImportStaysInItsTenantWhileAnotherIsServed()
    {
        QFETCH(QString, backend);
        Setup s = setUp(backend);
        QVERIFY(s.csv && !s.bravoAdmin.isEmpty());
        QNetworkAccessManager network;
        const QByteArray csv = contactsWithIds();
        const AdminAnswer first = importNow(network, s, s.alpha, QStringLiteral("contacts"), csv);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(QStringLiteral("created")).toInteger(), Rows);

        auto again = importLater(network, s, s.alpha, QStringLiteral("contacts"), csv);
        QTRY_COMPARE(s.csv->importsUnderWay(), 1);
        const AdminAnswer exported = sendAdminRequest(
            network,
            s.server->url().resolved(QUrl(QStringLiteral("/v1/admin/tenants/%1/export/contacts").arg(s.bravo))),
            s.bravoAdmin, "GET", {}, "application/json");
        QCOMPARE(exported.status, 200);
        QCOMPARE(exported.body,
                 QByteArray("id,first_name,last_name,company,phone,time_zone,owner,territory,do_not_call\r\n"));
        QVERIFY2(!again->isFinished(), "the import was answered before bravo's request ran: nothing was tested");
        QTRY_VERIFY_WITH_TIMEOUT(again->isFinished(), 60'000);
        const QByteArray body = again->readAll();
        QCOMPARE(statusOf(*again), 200);
        const QJsonObject counts = QJsonDocument::fromJson(body).object();
        QCOMPARE(counts.value(QStringLiteral("unchanged")).toInteger(), Rows);
        QCOMPARE(counts.value(QStringLiteral("created")).toInteger(), 0);
    }

    // The rows a file names are looked up in its own tenant: bravo's admin imports a big file first, whose write
    // scopes the connection to bravo just before the operator's file for alpha, waiting behind it on the worker,
    // looks up alpha's campaign.
    void theRowsAFileNamesAreLookedUpInItsTenant_data() { backends_data(); }
    void theRowsAFileNamesAreLookedUpInItsTenant()
    {
        QFETCH(QString, backend);
        Setup s = setUp(backend);
        QVERIFY(s.csv && !s.bravoAdmin.isEmpty());
        QNetworkAccessManager network;
        const QByteArray campaign = idOf(8);
        QCOMPARE(importNow(network, s, s.alpha, QStringLiteral("campaigns"), campaignFile(campaign)).status, 200);

        auto bravo = importLater(network, s, s.bravo, QStringLiteral("contacts"), contactsWithIds(), s.bravoAdmin);
        QTRY_COMPARE(s.csv->importsUnderWay(), 1);
        auto alpha =
            importLater(network, s, s.alpha, QStringLiteral("dnc_numbers"),
                        "number,campaign\n+1 212 555 0100," + campaign + "\n+1 212 555 0101," + campaign + '\n');
        QTRY_VERIFY_WITH_TIMEOUT(bravo->isFinished() && alpha->isFinished(), 60'000);
        QCOMPARE(statusOf(*bravo), 200);
        const QByteArray body = alpha->readAll();
        QVERIFY2(statusOf(*alpha) == 200, body.constData());
        QCOMPARE(QJsonDocument::fromJson(body).object().value(QStringLiteral("created")).toInteger(), 2);
    }

    // Do-not-call numbers naming a campaign: the campaign is deleted while the numbers are checked. The import is
    // refused (409) and writes nothing.
    void aNamedRowDeletedDuringTheCheckRefusesTheImport_data() { backends_data(); }
    void aNamedRowDeletedDuringTheCheckRefusesTheImport()
    {
        QFETCH(QString, backend);
        Setup s = setUp(backend);
        QVERIFY(s.csv);
        QNetworkAccessManager network;
        const QByteArray campaign = idOf(7);
        QCOMPARE(importNow(network, s, s.alpha, QStringLiteral("campaigns"), campaignFile(campaign)).status, 200);
        QByteArray numbers = "number,campaign\n";
        for (int i = 1; i <= DncNumbers; ++i)
            numbers += "+1 212 3" + QByteArray::number(10 + i / 10000) + ' ' +
                       QByteArray::number(i % 10000).rightJustified(4, '0') + ',' + campaign + '\n';
        const qint64 tenant = s.server->tenantId(s.alpha);
        const qint64 before = *s.server->sync->cursor(tenant);

        auto import = importLater(network, s, s.alpha, QStringLiteral("dnc_numbers"), numbers);
        QTRY_COMPARE(s.csv->importsBeingChecked(), 1); // the campaign has been looked up
        QVERIFY2(!import->isFinished(), "the import was answered before the campaign was deleted: nothing was tested");
        auto rows = s.server->sync->rows(tenant, QStringLiteral("campaigns"),
                                         {*sync::RowId::fromBytes(QByteArray::fromHex(campaign))});
        QVERIFY(rows && rows->size() == 1);
        const sync::Stamp gone{rows->front().state.stamp.cl + 1, (T0 + 1000) << 16, sync::SiteId::generate()};
        QVERIFY(s.server->sync->writeAsServer(
            tenant, {sync::Change{QStringLiteral("campaigns"), rows->front().id, QString(), {}, gone, 0}}));
        const qint64 deleted = *s.server->sync->cursor(tenant);
        QVERIFY(deleted > before);
        QTRY_VERIFY_WITH_TIMEOUT(import->isFinished(), 60'000);
        const int status = statusOf(*import);
        const QByteArray body = import->readAll();
        QCOMPARE(status, 409);
        QVERIFY2(body.contains("changed while it was checked"), body.constData());
        QCOMPARE(*s.server->sync->cursor(tenant), deleted); // nothing written
    }
};

QTEST_GUILESS_MAIN(TestImportWait)
#include "tst_importwait.moc"
