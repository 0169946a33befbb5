// CSV import seen by a real client: the server's HTTP stack in this process (SQLite, or PostgreSQL with
// FIELDLINE_TEST_BACKEND=postgres), an import through CsvRoutes, and a device with the product schema syncing.
#include "SyncServerKit.h"

#include "app/sync/AppSchema.h"
#include "server/CsvRoutes.h"
#include "server/OperatorToken.h"
#include "server/UserDirectory.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

sync::RowId rowId(const char *hex)
{
    return *sync::RowId::fromBytes(QByteArray::fromHex(hex));
}

} // namespace

class TestCsvSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_backend;
    std::unique_ptr<InProcessServer> m_server;
    std::optional<server::OperatorToken> m_operator;
    std::unique_ptr<server::UserDirectory> m_directory;
    std::unique_ptr<server::CsvRoutes> m_csv;
    QByteArray m_deviceToken;
    QByteArray m_operatorToken;
    QNetworkAccessManager m_network;

    /** POSTs @p csv to the import route as the operator; the HTTP status. The server answers on this event loop. */
    int importCsv(const QByteArray &csv)
    {
        return sendAdminRequest(
                   m_network, m_server->url().resolved(QUrl(QStringLiteral("/v1/admin/tenants/acme/import/contacts"))),
                   m_operatorToken, "POST", csv, QByteArrayLiteral("text/csv"))
            .status;
    }

    std::optional<sync::Value> phoneOn(SyncedDevice &device, const char *row)
    {
        return synctest::visible(device.device, QStringLiteral("contacts"), rowId(row), QStringLiteral("phone"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(m_backend.setUp(StoreBackend::fromEnvironment()), QString());
        m_server = std::make_unique<InProcessServer>(m_dir.filePath(QStringLiteral("server")), T0, m_backend.postgres);
        QVERIFY(m_server->port != 0);
        m_deviceToken = m_server->newTenantToken(QStringLiteral("acme"), QStringLiteral("alice"));
        QVERIFY(!m_deviceToken.isEmpty());
        auto token = server::OperatorToken::loadOrCreate(m_dir.path());
        QVERIFY2(token, qPrintable(token.message()));
        m_operator = std::move(token.value());
        QFile file(m_dir.filePath(QLatin1String(server::OperatorToken::FileName)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_operatorToken = file.readAll().trimmed();
        m_directory = std::make_unique<server::UserDirectory>(*m_server->store);
        m_csv = std::make_unique<server::CsvRoutes>(
            *m_server->api, *m_directory, *m_server->sync, *m_operator, m_server->clock,
            [this](qint64 tenantId, qint64 cursor) { m_server->live->notify(tenantId, cursor); });
    }

    void importedRowsReachTheClientAndTheFileWins()
    {
        SyncedDevice device(m_dir.filePath(QStringLiteral("device.db")), T0, m_server->url(), m_deviceToken,
                            app::appSchema());
        QCOMPARE(device.open(), QString());
        QCOMPARE(device.syncOnce(), sync::SyncProblem::None);

        const QByteArray csv = "id,first_name,last_name,phone,time_zone\r\n"
                               "000000000000000000000000000000a1,Ada,Okafor,+1 212 555 0100,America/New_York\r\n"
                               "000000000000000000000000000000a2,Gao,Chen,+86 10 6520 0001,Asia/Shanghai\r\n"
                               "000000000000000000000000000000a3,\"Dubois, Chloé\",,+33 1 42 25 00 02,Europe/Paris\r\n";
        m_server->clock.advance(1000);
        QCOMPARE(importCsv(csv), 200);
        QCOMPARE(device.syncOnce(), sync::SyncProblem::None);
        QCOMPARE(synctest::count(device.device, "SELECT count(*) FROM contacts"), 3);
        QCOMPARE(phoneOn(device, "000000000000000000000000000000a1"), sync::Value(QStringLiteral("+12125550100")));
        QCOMPARE(phoneOn(device, "000000000000000000000000000000a2"), sync::Value(QStringLiteral("+861065200001")));
        QCOMPARE(synctest::visible(device.device, QStringLiteral("contacts"), rowId("000000000000000000000000000000a3"),
                                   QStringLiteral("first_name")),
                 sync::Value(QStringLiteral("Dubois, Chloé")));

        // The same file again: nothing new for the device.
        const QByteArray before = synctest::dump(device.device);
        QCOMPARE(importCsv(csv), 200);
        QCOMPARE(device.syncOnce(), sync::SyncProblem::None);
        QCOMPARE(synctest::dump(device.device), before);

        // An agent changes a phone on the device; a later import of the file puts the file's number back.
        device.device.clock.advance(1000);
        QVERIFY(device.device->update(QStringLiteral("contacts"), rowId("000000000000000000000000000000a1"),
                                      {{QStringLiteral("phone"), QStringLiteral("+12125559999")}}));
        QCOMPARE(device.syncOnce(), sync::SyncProblem::None);
        m_server->clock.advance(2000);
        QCOMPARE(importCsv(csv), 200);
        QCOMPARE(device.syncOnce(), sync::SyncProblem::None);
        QCOMPARE(phoneOn(device, "000000000000000000000000000000a1"), sync::Value(QStringLiteral("+12125550100")));
    }

    void cleanupTestCase()
    {
        m_csv.reset();
        m_directory.reset();
        m_server.reset();
    }
};

QTEST_GUILESS_MAIN(TestCsvSync)
#include "tst_csvsync.moc"
