// Child process for tst_synckill: a device that writes contacts and syncs with a real server, and is killed with
// SIGKILL (by itself, so the moment is exact) at one step of its sync round. The parent then reopens its file
// like a restarted client and checks that nothing was lost or doubled.
//
// usage: killed_device DB SERVER_URL TOKEN STEP WRITES (key in FIELDLINE_TEST_DEK / FIELDLINE_TEST_FILEID)
// STEP: after-commit | push-in-flight | push-answered | before-ack | mid-apply
#include "../sync/SyncTestKit.h"
#include "sync/SyncClient.h"
#include "sync/SyncStateStore.h"
#include "sync/SyncTransport.h"

#include <QCoreApplication>
#include <QTimer>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

using namespace fieldline;

namespace {

constexpr qint64 T0 = 1'790'000'000'000; // the same fixed clock as the parent's devices

[[noreturn]] void die()
{
    std::fflush(stdout);
    std::raise(SIGKILL);
    std::abort();
}

/** Passes requests through and kills the process at the step it was told. */
class KillingTransport final : public sync::SyncTransport
{
public:
    KillingTransport(sync::SyncTransport &inner, QString step)
        : m_inner(inner)
        , m_step(std::move(step))
    {}

    void post(const QString &path, const QByteArray &body, const QByteArray &token, Done done) override
    {
        if (m_step == QLatin1String("before-ack") && path == QLatin1String("/v1/ack"))
            die(); // the pulled page is applied, its cursor not yet acknowledged
        if (m_step == QLatin1String("push-in-flight") && path == QLatin1String("/v1/push")) {
            m_inner.post(path, body, token, [](const sync::TransportReply &) {});
            QTimer::singleShot(1, [] { die(); }); // the request may or may not have reached the server
            return;
        }
        if (m_step == QLatin1String("push-answered") && path == QLatin1String("/v1/push")) {
            // The server acted and answered; the device dies before it records the answer.
            m_inner.post(path, body, token, [](const sync::TransportReply &) { die(); });
            return;
        }
        if (m_step == QLatin1String("mid-apply") && path == QLatin1String("/v1/pull")) {
            m_inner.post(path, body, token, [done](const sync::TransportReply &reply) {
                // A second thread kills the process while this one applies the page inside its transaction.
                std::thread([] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(3));
                    die();
                }).detach();
                done(reply);
                std::printf("page (or its first piece) applied before the kill\n");
            });
            return;
        }
        m_inner.post(path, body, token, std::move(done));
    }

private:
    sync::SyncTransport &m_inner;
    QString m_step;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 6) {
        std::fprintf(stderr, "usage: killed_device DB SERVER_URL TOKEN STEP WRITES\n");
        return 2;
    }
    const QString step = QString::fromLocal8Bit(argv[4]);
    synctest::Device device(QString::fromLocal8Bit(argv[1]), T0, synctest::testSchema());
    device.key = storage::DatabaseKey{storage::SecretBytes::copyOf(QByteArray::fromHex(qgetenv("FIELDLINE_TEST_DEK"))),
                                      QByteArray::fromHex(qgetenv("FIELDLINE_TEST_FILEID")), 1};
    if (QString e = device.open(); !e.isEmpty()) {
        std::fprintf(stderr, "open: %s\n", qPrintable(e));
        return 1;
    }
    const QUrl server(QString::fromLocal8Bit(argv[2]));
    sync::SyncStateStore state(device->database());
    if (auto s = state.createTables(); !s)
        return 1;
    if (auto s = state.saveAccount({server.toString(), QStringLiteral("t"), QStringLiteral("u"), argv[3]}); !s)
        return 1;
    const int writes = QByteArray(argv[5]).toInt();
    for (int i = 0; i < writes; ++i) {
        if (!device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("killed %1").arg(i)}}))
            return 1;
    }
    if (step == QLatin1String("after-commit"))
        die();

    sync::HttpSyncTransport http(server);
    KillingTransport transport(http, step);
    sync::SyncClient client(*device, state, transport, device.clock);
    QObject::connect(&client, &sync::SyncClient::roundFinished, &app, [&] {
        std::printf("round finished without being killed: problem %d\n", int(client.status().problem));
        app.exit(3);
    });
    QTimer::singleShot(30000, &app, [&] { app.exit(4); });
    client.syncNow();
    return app.exec();
}
