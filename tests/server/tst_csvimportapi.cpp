#include "ServerProcess.h"

#include "server/CsvRoutes.h"
#include "server/OperatorToken.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <vector>

using namespace fieldline;

namespace {

QJsonObject json(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

/** "line N: message" for every error of a refused import. */
QStringList errorsOf(const HttpReply &reply)
{
    QStringList out;
    const QJsonArray errors = json(reply).value(QLatin1String("errors")).toArray();
    for (const QJsonValue &value : errors) {
        const QJsonObject error = value.toObject();
        out.append(QStringLiteral("line %1: %2")
                       .arg(QString::number(error.value(QLatin1String("line")).toInteger()),
                            error.value(QLatin1String("message")).toString()));
    }
    return out;
}

/** N contacts without ids, each with a phone of its own. */
QByteArray contactsFile(int count, const char *prefix)
{
    QByteArray csv = "first_name,last_name,company,phone,time_zone,owner\r\n";
    for (int i = 0; i < count; ++i)
        csv += prefix + QByteArray::number(i) + ",\"Okafor, Jr.\",Kestrel Tools,+1 212 555 " +
               QByteArray::number(1000 + i).rightJustified(4, '0') + ",America/New_York,agent\r\n";
    return csv;
}

} // namespace

/**
 * CSV import and export through the real fieldline-server: rows reach a syncing device and its live socket, a
 * bad file imports nothing and names every bad line, re-import is idempotent, limits and tenants hold.
 */
class TestCsvImportApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    ServerProcess m_server;
    QByteArray m_operator;
    QByteArray m_demoAdmin;
    QByteArray m_demoAgent;
    QByteArray m_acmeAdmin;
    qint64 m_cursor = 0;

    HttpReply call(const QByteArray &verb, const QString &path, const QByteArray &bearer, const QByteArray &body = {},
                   const QByteArray &contentType = "text/csv")
    {
        QList<QPair<QByteArray, QByteArray>> headers{{QByteArrayLiteral("Content-Type"), contentType}};
        if (!bearer.isEmpty())
            headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + bearer});
        return m_server.send(verb, path, body, headers);
    }

    HttpReply importCsv(const QString &table, const QByteArray &csv, const QByteArray &bearer = {},
                        const QString &tenant = QStringLiteral("demo"))
    {
        return call("POST", QStringLiteral("/v1/admin/tenants/%1/import/%2").arg(tenant, table),
                    bearer.isNull() ? m_demoAdmin : bearer, csv);
    }

    HttpReply exportCsv(const QString &table, const QByteArray &bearer = {})
    {
        return call("GET", QStringLiteral("/v1/admin/tenants/demo/export/%1").arg(table),
                    bearer.isNull() ? m_demoAdmin : bearer);
    }

    QByteArray login(const QString &tenant, const QString &user, const QString &password)
    {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("tenant"), tenant},
                                                          {QStringLiteral("login"), user},
                                                          {QStringLiteral("password"), password},
                                                          {QStringLiteral("device"), QStringLiteral("csv test")}})
                                    .toJson(QJsonDocument::Compact);
        const HttpReply reply = m_server.post(QStringLiteral("/v1/login"), body);
        return reply.status == 200 ? json(reply).value(QLatin1String("token")).toString().toLatin1() : QByteArray();
    }

    /** Everything a device pulls from @p cursor on, as the sync client asks for it. */
    sync::ChangeBatch pullAll(const QByteArray &token, qint64 &cursor)
    {
        sync::ChangeBatch all;
        for (bool more = true; more;) {
            const HttpReply reply =
                call("POST", QStringLiteral("/v1/pull"), token,
                     sync::protocol::encode(sync::protocol::PullRequest{cursor, 5000}), "application/cbor");
            if (reply.status != 200)
                return {};
            auto page = sync::protocol::decode<sync::protocol::PullResponse>(reply.body);
            if (!page)
                return {};
            all.insert(all.end(), page->changes.begin(), page->changes.end());
            cursor = page->nextCursor;
            more = page->more;
        }
        return all;
    }

    /** demo's cursor: pulled on from where the last call stopped, since it only ever grows. */
    qint64 tenantCursor()
    {
        pullAll(m_demoAgent, m_cursor);
        return m_cursor;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dataDir.isValid());
        QVERIFY2(m_server.start(m_dataDir.path(),
                                {QStringLiteral("--demo"), QStringLiteral("--password-cost"), QStringLiteral("min")}),
                 qPrintable(m_server.error()));
        QFile tokenFile(QDir(m_dataDir.path()).filePath(QLatin1String(server::OperatorToken::FileName)));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        m_operator = tokenFile.readAll().trimmed();
        m_demoAdmin = login(QStringLiteral("demo"), QStringLiteral("admin"), QStringLiteral("admin-demo-1"));
        m_demoAgent = login(QStringLiteral("demo"), QStringLiteral("agent"), QStringLiteral("agent-demo-1"));
        QVERIFY(!m_demoAdmin.isEmpty() && !m_demoAgent.isEmpty());
        QCOMPARE(
            call("POST", QStringLiteral("/v1/admin/tenants"), m_operator, "{\"name\":\"acme\"}", "application/json")
                .status,
            201);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/users"), m_operator,
                      "{\"login\":\"root\",\"password\":\"acme-root-1\",\"role\":\"admin\"}", "application/json")
                     .status,
                 201);
        m_acmeAdmin = login(QStringLiteral("acme"), QStringLiteral("root"), QStringLiteral("acme-root-1"));
        QVERIFY(!m_acmeAdmin.isEmpty());
    }

    void importedRowsReachASyncingDevice()
    {
        qint64 cursor = 0;
        QVERIFY(!pullAll(m_demoAgent, cursor).empty()); // the demo rows
        const qint64 before = cursor;

        // The agent's device holds the live channel open, as the client does.
        QWebSocket live;
        QNetworkRequest liveRequest(QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/live").arg(m_server.port())));
        liveRequest.setRawHeader("Authorization", "Bearer " + m_demoAgent);
        QEventLoop connected;
        QTimer::singleShot(10000, &connected, &QEventLoop::quit);
        connect(&live, &QWebSocket::connected, &connected, &QEventLoop::quit);
        live.open(liveRequest);
        connected.exec();
        QCOMPARE(live.state(), QAbstractSocket::ConnectedState);
        QList<QByteArray> frames;
        connect(&live, &QWebSocket::binaryMessageReceived, this,
                [&](const QByteArray &frame) { frames.append(frame); });

        const int rows = 1000;
        QElapsedTimer timer;
        timer.start();
        const HttpReply reply = importCsv(QStringLiteral("contacts"), contactsFile(rows, "Imported"));
        qInfo("import of %d contacts took %lld ms", rows, timer.elapsed());
        QCOMPARE(reply.status, 200);
        QCOMPARE(json(reply).value(QLatin1String("rows")).toInteger(), rows);
        QCOMPARE(json(reply).value(QLatin1String("created")).toInteger(), rows);

        QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty(), 10000);
        auto notify = sync::protocol::decode<sync::protocol::LiveNotify>(frames.front());
        QVERIFY2(notify, qPrintable(notify.message()));
        QCOMPARE(notify->cursor, json(reply).value(QLatin1String("cursor")).toInteger());

        const sync::ChangeBatch changes = pullAll(m_demoAgent, cursor);
        QVERIFY(cursor > before);
        QSet<QByteArray> importedRows;
        QSet<QString> phones;
        for (const sync::Change &change : changes) {
            QCOMPARE(change.table, QStringLiteral("contacts"));
            QCOMPARE(change.stamp.site.toBytes(), QByteArray("fieldline-import"));
            importedRows.insert(change.row.toBytes());
            if (change.column == QLatin1String("phone"))
                phones.insert(std::get<QString>(change.value));
        }
        QCOMPARE(importedRows.size(), rows);
        QVERIFY(phones.contains(QStringLiteral("+12125551000"))); // stored in E.164
        QCOMPARE(phones.size(), rows);
    }

    // A campaign set up by import: the campaign, then members naming it and demo contacts by id; an agent's device
    // receives the members with their contact's calling-hours zone, queued; the files export and re-import unchanged.
    void aCampaignIsSetUpByImport()
    {
        const QByteArray campaignFile =
            "name,mode,window_start,window_end,max_attempts,retry_minutes,dispositions,status\n"
            "Imported drive,progressive,09:00,20:00,3,\"60,240\","
            "\"[{\"\"code\"\": \"\"sale\"\", \"\"label\"\": {\"\"en\"\": \"\"Sale\"\"}, \"\"key\"\": "
            "\"\"1\"\"}]\",active\n";
        QCOMPARE(importCsv(QStringLiteral("campaigns"), campaignFile).status, 200);
        const QList<QByteArray> campaigns = exportCsv(QStringLiteral("campaigns")).body.split('\n');
        QByteArray campaignId;
        for (const QByteArray &line : campaigns) {
            if (line.contains("Imported drive"))
                campaignId = line.left(32);
        }
        QCOMPARE(campaignId.size(), 32);
        const QList<QByteArray> contacts = exportCsv(QStringLiteral("contacts")).body.split('\n');
        QVERIFY(contacts.size() > 4);
        QByteArray members = "campaign,contact,priority,owner\n";
        for (int i = 1; i <= 3; ++i)
            members += campaignId + ',' + contacts[i].left(32) + ',' + QByteArray::number(10 * i) + ",\n";
        qint64 cursor = tenantCursor();
        const HttpReply imported = importCsv(QStringLiteral("campaign_members"), members);
        QCOMPARE(imported.status, 200);
        QCOMPARE(json(imported).value(QLatin1String("created")).toInteger(), 3);
        int zones = 0;
        int queued = 0;
        for (const sync::Change &change : pullAll(m_demoAgent, cursor)) {
            QCOMPARE(change.table, QStringLiteral("campaign_members"));
            if (change.column == QLatin1String("zone")) {
                const QString zone = std::get<QString>(change.value);
                QVERIFY2(zone.startsWith(QLatin1String("tz:")) || zone.startsWith(QLatin1String("region:")),
                         qPrintable(zone));
                ++zones;
            }
            if (change.column == QLatin1String("status") && change.value == sync::Value(QStringLiteral("queued")))
                ++queued;
        }
        QCOMPARE(zones, 3);
        QCOMPARE(queued, 3);
        // The same list sent again names the same members (ids derived from campaign and contact): nobody twice.
        const qint64 beforeAgain = tenantCursor();
        const HttpReply sameList = importCsv(QStringLiteral("campaign_members"), members);
        QCOMPARE(sameList.status, 200);
        QCOMPARE(json(sameList).value(QLatin1String("created")).toInteger(), 0);
        QCOMPARE(json(sameList).value(QLatin1String("unchanged")).toInteger(), 3);
        QCOMPARE(tenantCursor(), beforeAgain);

        // A member naming a contact the tenant does not have is refused, and nothing of its file is imported.
        const HttpReply refused = importCsv(QStringLiteral("campaign_members"),
                                            "campaign,contact\n" + campaignId + ',' + QByteArray(32, '0') + '\n');
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.body.contains("not the id of one of this tenant's contacts"));
        // A campaign whose cells are each fine but whose window closes before it opens is refused whole.
        const HttpReply crossed =
            importCsv(QStringLiteral("campaigns"),
                      QByteArray(campaignFile).replace("Imported drive,progressive,09:00", "Late,progressive,21:00"));
        QCOMPARE(crossed.status, 400);
        QVERIFY2(crossed.body.contains("Campaign Late has no valid calling window"), crossed.body.constData());

        for (const QString &table : {QStringLiteral("campaigns"), QStringLiteral("campaign_members")}) {
            const HttpReply exported = exportCsv(table);
            const qint64 before = tenantCursor();
            const HttpReply again = importCsv(table, exported.body);
            QCOMPARE(again.status, 200);
            QCOMPARE(json(again).value(QLatin1String("unchanged")).toInteger(),
                     exported.header("X-Row-Count").toLongLong());
            QCOMPARE(tenantCursor(), before);
        }
    }

    void aBadFileImportsNothingAndNamesEveryLine()
    {
        const qint64 before = tenantCursor();
        const QByteArray exportBefore = exportCsv(QStringLiteral("contacts")).body;
        QByteArray csv = contactsFile(30, "Good");
        csv.replace("+1 212 555 1016", "+1 555");                                           // line 18
        csv.replace("Good20,\"Okafor, Jr.\",", "Good20,");                                  // line 22
        csv.replace("+1 212 555 1025,America/New_York", "+1 212 555 1025,America/Nowhere"); // line 27
        csv.replace("Good28,\"Okafor, Jr.\",Kestrel Tools,+1 212 555 1028", "Good28,x,y,"); // line 30
        const HttpReply reply = importCsv(QStringLiteral("contacts"), csv);
        QCOMPARE(reply.status, 400);
        QCOMPARE(errorsOf(reply),
                 (QStringList{QStringLiteral("line 18: phone '+1 555' is not a valid phone number"),
                              QStringLiteral("line 22: 5 fields, the header has 6"),
                              QStringLiteral("line 27: time_zone 'America/Nowhere' is not a known time zone (such as "
                                             "Europe/Berlin)"),
                              QStringLiteral("line 30: phone is required and empty")}));
        QCOMPARE(json(reply).value(QLatin1String("more")).toInteger(), 0);
        QVERIFY(json(reply).value(QLatin1String("error")).toString().contains(QLatin1String("nothing was imported")));
        QCOMPARE(tenantCursor(), before);
        QCOMPARE(exportCsv(QStringLiteral("contacts")).body, exportBefore);

        const HttpReply header = importCsv(QStringLiteral("products"), "sku,name,colour\nA,a,red\n");
        QCOMPARE(header.status, 400);
        QCOMPARE(errorsOf(header),
                 (QStringList{QStringLiteral("line 1: unknown column 'colour'; products has the columns id, sku, name, "
                                             "unit_price_cents, tax_rate"),
                              QStringLiteral("line 1: the required column 'unit_price_cents' is missing")}));
    }

    void aDryRunCountsAndWritesNothing()
    {
        const qint64 cursor = tenantCursor();
        const QByteArray exportBefore = exportCsv(QStringLiteral("contacts")).body;
        const HttpReply reply = call("POST", QStringLiteral("/v1/admin/tenants/demo/import/contacts?dry-run=1"),
                                     m_demoAdmin, contactsFile(5, "Maybe"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(json(reply).value(QLatin1String("created")).toInteger(), 5);
        QCOMPARE(json(reply).value(QLatin1String("dryRun")).toBool(), true);
        QCOMPARE(tenantCursor(), cursor);
        QCOMPARE(exportCsv(QStringLiteral("contacts")).body, exportBefore);

        // A dry run asked for in other words is refused, never taken for an import.
        for (const char *asked : {"dry-run=true", "dry-run", "dry-run=yes"}) {
            const HttpReply misspelt =
                call("POST", QStringLiteral("/v1/admin/tenants/demo/import/contacts?") + QLatin1String(asked),
                     m_demoAdmin, contactsFile(5, "Maybe"));
            QCOMPARE(misspelt.status, 400);
            QCOMPARE(tenantCursor(), cursor);
        }
    }

    void reimportWithIdsIsIdempotent()
    {
        const QByteArray csv = "id,sku,name,unit_price_cents,tax_rate\n"
                               "0123456789abcdef0123456789abcdef,X-1,\"valve, 6\"\" brass\",1299,standard\n"
                               "fedcba9876543210fedcba9876543210,X-2,gasket,45,reduced\n";
        const HttpReply first = importCsv(QStringLiteral("products"), csv);
        QCOMPARE(first.status, 200);
        QCOMPARE(json(first).value(QLatin1String("created")).toInteger(), 2);
        const qint64 cursor = tenantCursor();

        const HttpReply second = importCsv(QStringLiteral("products"), csv);
        QCOMPARE(second.status, 200);
        QCOMPARE(json(second).value(QLatin1String("unchanged")).toInteger(), 2);
        QCOMPARE(json(second).value(QLatin1String("cursor")).toInteger(), cursor);
        QCOMPARE(tenantCursor(), cursor);

        QByteArray changed = csv;
        changed.replace(",45,", ",50,");
        const HttpReply third = importCsv(QStringLiteral("products"), changed);
        QCOMPARE(json(third).value(QLatin1String("updated")).toInteger(), 1);
        QCOMPARE(json(third).value(QLatin1String("unchanged")).toInteger(), 1);
        QVERIFY(exportCsv(QStringLiteral("products"))
                    .body.contains("fedcba9876543210fedcba9876543210,X-2,gasket,50,reduced"));
    }

    void exportImportRoundTrips_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("contacts") << QStringLiteral("contacts");
        QTest::newRow("accounts") << QStringLiteral("accounts");
        QTest::newRow("products") << QStringLiteral("products");
    }
    void exportImportRoundTrips()
    {
        QFETCH(QString, table);
        const HttpReply exported = exportCsv(table);
        QCOMPARE(exported.status, 200);
        QVERIFY(exported.header("Content-Type").startsWith("text/csv"));
        const qint64 rows = exported.header("X-Row-Count").toLongLong();
        QVERIFY(rows >= 500);
        const qint64 cursor = tenantCursor();
        const HttpReply imported = importCsv(table, exported.body);
        QCOMPARE(imported.status, 200);
        QCOMPARE(json(imported).value(QLatin1String("unchanged")).toInteger(), rows);
        QCOMPARE(tenantCursor(), cursor);
        QCOMPARE(exportCsv(table).body, exported.body);
    }

    void oversizedFilesAreRefusedUnread()
    {
        QByteArray csv = contactsFile(1, "Big");
        csv += QByteArray(server::CsvRoutes::MaxImportBytes + 1 - csv.size(), '\n'); // blank lines: no records
        QCOMPARE(importCsv(QStringLiteral("contacts"), csv).status, 413);
        // The size is the reason, before the token is even looked at.
        QCOMPARE(importCsv(QStringLiteral("contacts"), csv, QByteArrayLiteral("not-a-token")).status, 413);
        csv.chop(1);
        QCOMPARE(importCsv(QStringLiteral("contacts"), csv).status, 200);
    }

    void tenantsAndRolesHold()
    {
        const QByteArray csv = contactsFile(1, "Rogue");
        const qint64 cursor = tenantCursor();
        // acme's admin on demo's paths: exactly what a missing tenant looks like.
        const HttpReply cross = importCsv(QStringLiteral("contacts"), csv, m_acmeAdmin);
        QCOMPARE(cross.status, 404);
        QCOMPARE(cross.body, importCsv(QStringLiteral("contacts"), csv, m_operator, QStringLiteral("nowhere")).body);
        QCOMPARE(exportCsv(QStringLiteral("contacts"), m_acmeAdmin).status, 404);
        QCOMPARE(importCsv(QStringLiteral("contacts"), csv, m_demoAgent).status, 403);
        QCOMPARE(exportCsv(QStringLiteral("contacts"), m_demoAgent).status, 403);
        QCOMPARE(importCsv(QStringLiteral("contacts"), csv, QByteArrayLiteral("not-a-token")).status, 401);
        QCOMPARE(tenantCursor(), cursor);
        // acme's own import lands in acme only.
        QCOMPARE(
            importCsv(QStringLiteral("contacts"), "phone\n+12125550100\n", m_acmeAdmin, QStringLiteral("acme")).status,
            200);
        QCOMPARE(tenantCursor(), cursor);
        // The operator may import into any tenant; a table that is not importable is 404.
        QCOMPARE(importCsv(QStringLiteral("visits"), "id\n", m_operator).status, 404);
        QCOMPARE(exportCsv(QStringLiteral("sync_rows"), m_operator).status, 404);
    }

    void theServerAnswersOthersWhileAFileIsChecked()
    {
        // Reading and checking a file run on a worker thread: the event loop answers other requests meanwhile,
        // and an import past MaxImportsUnderWay is told to come back instead of queueing another file.
        const int rows = 10000;
        QByteArray csv = "first_name,phone,time_zone\r\n";
        for (int i = 0; i < rows; ++i)
            csv += "Busy" + QByteArray::number(i) + ",+1 212 2" + QByteArray::number(10 + i / 10000) + ' ' +
                   QByteArray::number(i % 10000).rightJustified(4, '0') + ",America/Chicago\r\n";
        QNetworkAccessManager network;
        const auto post = [&](const QByteArray &body, const QString &query = QString()) {
            QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/admin/tenants/acme/import/contacts%2")
                                             .arg(m_server.port())
                                             .arg(query)));
            request.setRawHeader("Authorization", "Bearer " + m_acmeAdmin);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/csv"));
            return network.post(request, body);
        };
        QElapsedTimer timer;
        timer.start();
        // A dry run: its answer does not wait for a write to reach the disk, which the event loop would serve
        // other requests during even when it checked the file itself.
        QNetworkReply *big = post(csv, QStringLiteral("?dry-run=1"));
        bool sent = false;
        connect(big, &QNetworkReply::uploadProgress, this,
                [&](qint64 done, qint64 total) { sent = sent || (total > 0 && done == total); });
        QTRY_VERIFY_WITH_TIMEOUT(sent, 30000);

        int answeredMeanwhile = 0;
        qint64 longestMs = 0;
        std::vector<QNetworkReply *> small; // two more files while the big one is checked: one waits, one is refused
        while (!big->isFinished() && timer.elapsed() < 120000) {
            const HttpReply health = m_server.get(QStringLiteral("/healthz"));
            QCOMPARE(health.status, 200);
            if (big->isFinished())
                break; // it may have been answered after the import
            ++answeredMeanwhile;
            longestMs = std::max(longestMs, health.elapsedMs);
            if (small.empty()) {
                small.push_back(post("phone\r\n+12125550199\r\n"));
                small.push_back(post("phone\r\n+12125550198\r\n"));
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(big->isFinished(), 120000);
        const qint64 importMs = timer.elapsed();
        qInfo("dry run of %d contacts answered in %lld ms; %d health checks answered meanwhile, the slowest in %lld ms",
              rows, importMs, answeredMeanwhile, longestMs);
        QCOMPARE(big->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(big->readAll()).object().value(QLatin1String("created")).toInteger(), rows);
        QVERIFY2(answeredMeanwhile >= 3, "the event loop answered nothing while the file was checked");

        QCOMPARE(small.size(), size_t(2));
        QTRY_VERIFY_WITH_TIMEOUT(small[0]->isFinished() && small[1]->isFinished(), 60000);
        QList<int> statuses;
        QNetworkReply *refused = nullptr;
        for (QNetworkReply *reply : small) {
            statuses.append(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            if (statuses.back() == 429)
                refused = reply;
        }
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, QList<int>({200, 429}));
        QCOMPARE(refused->rawHeader("Retry-After"), QByteArray::number(server::CsvRoutes::BusyRetryAfterSeconds));
        QVERIFY(QJsonDocument::fromJson(refused->readAll())
                    .object()
                    .value(QLatin1String("error"))
                    .toString()
                    .contains(QLatin1String("nothing was imported")));
        // Once the worker is free, imports are taken again.
        QCOMPARE(importCsv(QStringLiteral("contacts"), "phone\r\n+12125550197\r\n", m_acmeAdmin, QStringLiteral("acme"))
                     .status,
                 200);
        for (QNetworkReply *reply : small)
            reply->deleteLater();
        big->deleteLater();
    }

    void metricsCountImportsAndExports()
    {
        const HttpReply reply = m_server.get(QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        for (const char *line : {"route=\"admin_import\",status=\"200\"", "route=\"admin_import\",status=\"400\"",
                                 "route=\"admin_import\",status=\"413\"", "route=\"admin_import\",status=\"404\"",
                                 "route=\"admin_import\",status=\"429\"", "route=\"admin_export\",status=\"200\"",
                                 "route=\"admin_export\",status=\"403\""})
            QVERIFY2(reply.body.contains(line), line);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestCsvImportApi)
#include "tst_csvimportapi.moc"
