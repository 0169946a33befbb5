// Real TLS: the fieldline-server process with a certificate from a throwaway CA (made with openssl), clients
// that trust that CA syncing over HTTPS and holding the live channel over WSS; a client that does not trust it,
// and plain HTTP to the TLS port, get nothing; bad certificate files and unsafe listen options are refused with
// a clear message.
#include "../sync/SyncTestKit.h"
#include "server/Credentials.h"
#include "server/TenantStore.h"
#include "sync/LiveClient.h"
#include "sync/SyncClient.h"
#include "sync/SyncStateStore.h"
#include "sync/SyncTransport.h"

#include <QDateTime>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;

namespace {

bool run(const QString &dir, const QStringList &arguments)
{
    QProcess openssl;
    openssl.setWorkingDirectory(dir);
    openssl.start(QStringLiteral("openssl"), arguments);
    return openssl.waitForFinished(60000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

struct TlsDevice
{
    TlsDevice(const QString &path, const QUrl &url, const QByteArray &token, const QList<QSslCertificate> &ca)
        : device(path, QDateTime::currentMSecsSinceEpoch(), synctest::testSchema())
        , http(url, sync::HttpSyncTransport::Options{30000, 32 << 20, ca})
    {
        opened = device.open();
        state = std::make_unique<sync::SyncStateStore>(device->database());
        if (!state->createTables() ||
            !state->saveAccount({url.toString(), QStringLiteral("t"), QStringLiteral("u"), token}))
            opened = QStringLiteral("sync state");
        client = std::make_unique<sync::SyncClient>(*device, *state, http, device.clock);
    }
    SyncProblem syncOnce()
    {
        QSignalSpy finished(client.get(), &sync::SyncClient::roundFinished);
        client->syncNow();
        if (finished.isEmpty() && !finished.wait(20000))
            return SyncProblem::Offline;
        return client->status().problem;
    }
    synctest::Device device;
    sync::HttpSyncTransport http;
    std::unique_ptr<sync::SyncStateStore> state;
    std::unique_ptr<sync::SyncClient> client;
    QString opened;
};

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;
    QByteArray m_tokens[2];
    QList<QSslCertificate> m_ca;

    QString file(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    /** Runs fieldline-server to its exit (for refusals); returns exit code and stderr. */
    std::pair<int, QString> refusal(const QStringList &arguments)
    {
        QProcess server;
        server.start(QStringLiteral(FIELDLINE_SERVER_EXE), arguments);
        if (!server.waitForFinished(20000)) {
            server.kill();
            server.waitForFinished();
            return {-1, QStringLiteral("still running")};
        }
        return {server.exitCode(), QString::fromUtf8(server.readAllStandardError())};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        const QString dir = m_dir.path();
        const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
        QVERIFY(run(dir, QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                             QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                                         QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                                         QStringLiteral("-subj"), QStringLiteral("/CN=Fieldline test CA")}));
        QVERIFY(run(dir, QStringList{QStringLiteral("req")} + ec +
                             QStringList{QStringLiteral("-keyout"), QStringLiteral("server.key"),
                                         QStringLiteral("-out"), QStringLiteral("server.csr"), QStringLiteral("-subj"),
                                         QStringLiteral("/CN=127.0.0.1")}));
        QFile ext(file("ext.cnf"));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n");
        ext.close();
        QVERIFY(run(dir, {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                          QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                          QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                          QStringLiteral("-out"), QStringLiteral("server.pem"), QStringLiteral("-days"),
                          QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("ext.cnf")}));
        m_ca = QSslCertificate::fromPath(file("ca.pem"));
        QCOMPARE(m_ca.size(), qsizetype(1));

        {
            auto store = server::TenantStore::open(file("data"), QStringLiteral("tls-seed"));
            QVERIFY2(store, qPrintable(store.message()));
            const server::Credentials credentials(server::PasswordCost::Minimum);
            const qint64 tenant = *(*store)->createTenant(QStringLiteral("acme"));
            const qint64 user = *(*store)->createUser(
                tenant, QStringLiteral("u"), *credentials.hashPassword(QStringLiteral("x")), server::Role::Field);
            for (QByteArray &token : m_tokens)
                token = *(*store)->issueDeviceToken(tenant, user, QStringLiteral("tls test"));
        }
        m_server.start(QStringLiteral(FIELDLINE_SERVER_EXE),
                       {QStringLiteral("--data"), file("data"), QStringLiteral("--listen"),
                        QStringLiteral("127.0.0.1:0"), QStringLiteral("--tls-cert"), file("server.pem"),
                        QStringLiteral("--tls-key"), file("server.key")});
        QVERIFY(m_server.waitForStarted());
        const QRegularExpression listening(QStringLiteral("listening on https://127\\.0\\.0\\.1:(\\d+)"));
        QByteArray output;
        QVERIFY(QTest::qWaitFor(
            [&] {
                output += m_server.readAllStandardOutput();
                const auto match = listening.match(QString::fromUtf8(output));
                m_port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
                return m_port != 0 || m_server.state() == QProcess::NotRunning;
            },
            20000));
        QVERIFY2(m_port != 0, m_server.readAllStandardError().constData());
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        if (!m_server.waitForFinished(10000))
            m_server.kill();
    }

    void clientsThatTrustTheCaSyncOverHttpsAndWss()
    {
        const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
        TlsDevice a(m_dir.filePath(QStringLiteral("a.db")), url, m_tokens[0], m_ca);
        TlsDevice b(m_dir.filePath(QStringLiteral("b.db")), url, m_tokens[1], m_ca);
        QCOMPARE(a.opened, QString());
        QCOMPARE(b.opened, QString());
        auto row = a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("over TLS")}});
        QVERIFY(row);
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::visible(b.device, QStringLiteral("contacts"), *row, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("over TLS")));

        sync::LiveClient live(url, m_tokens[1]);
        live.addCaCertificates(m_ca);
        QSignalSpy connected(&live, &sync::LiveClient::connectedChanged);
        live.start();
        QVERIFY(connected.wait(10000));
        QVERIFY(live.isConnected());
        QCOMPARE(sync::LiveClient::liveUrl(url).scheme(), QStringLiteral("wss"));

        // An edit on device a reaches b's socket as a notify frame over WSS.
        QSignalSpy notified(&live, &sync::LiveClient::notified);
        QVERIFY(a.device->update(QStringLiteral("contacts"), *row,
                                 {{QStringLiteral("name"), QStringLiteral("changed over TLS")}}));
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        // The frame may arrive while a.syncOnce() spins its event loop, so count rather than wait for a new one.
        QTRY_VERIFY_WITH_TIMEOUT(notified.count() > 0, 10000);
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::visible(b.device, QStringLiteral("contacts"), *row, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("changed over TLS")));
    }

    void untrustedOrPlainGetsNothing()
    {
        TlsDevice stranger(m_dir.filePath(QStringLiteral("c.db")),
                           QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port)), m_tokens[0], {});
        QCOMPARE(stranger.opened, QString());
        QCOMPARE(stranger.syncOnce(), SyncProblem::Offline);
        QVERIFY2(stranger.client->status().detail.contains(QLatin1String("SSL"), Qt::CaseInsensitive),
                 qPrintable(stranger.client->status().detail));

        TlsDevice plain(m_dir.filePath(QStringLiteral("d.db")), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)),
                        m_tokens[0], {});
        QCOMPARE(plain.opened, QString());
        const SyncProblem problem = plain.syncOnce();
        QVERIFY2(problem == SyncProblem::Offline || problem == SyncProblem::ServerError,
                 qPrintable(plain.client->status().detail));
        QCOMPARE(synctest::count(plain.device, "SELECT count(*) FROM contacts"), 0);
    }

    void badFilesAndUnsafeOptionsAreRefused()
    {
        QFile garbage(file("garbage.pem"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("not a certificate\n");
        garbage.close();
        const QStringList base{QStringLiteral("--data"), file("refused"), QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1:0")};
        auto [code, message] = refusal(base + QStringList{QStringLiteral("--tls-cert"), file("garbage.pem"),
                                                          QStringLiteral("--tls-key"), file("server.key")});
        QCOMPARE(code, 1);
        QVERIFY2(message.contains(QLatin1String("no PEM certificate")), qPrintable(message));
        std::tie(code, message) = refusal(base + QStringList{QStringLiteral("--tls-cert"), file("server.pem"),
                                                             QStringLiteral("--tls-key"), file("missing.key")});
        QCOMPARE(code, 1);
        QVERIFY2(message.contains(QLatin1String("missing.key")), qPrintable(message));
        std::tie(code, message) = refusal(
            {QStringLiteral("--data"), file("refused"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")});
        QCOMPARE(code, 2);
        QVERIFY2(message.contains(QLatin1String("without TLS")), qPrintable(message));
        std::tie(code, message) = refusal(base + QStringList{QStringLiteral("--tls-cert"), file("server.pem")});
        QCOMPARE(code, 2);
        QVERIFY2(message.contains(QLatin1String("go together")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
