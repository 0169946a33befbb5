// The baresip backend against a second, real baresip on loopback that answers by itself: ringing, established and
// ended with the talk time; hang-up from either side; hold, resume and DTMF; nobody listening and an unknown user
// end with a cause; our baresip killed mid-call ends the call as failed and is started again; the SIP password
// does not stay on disk. The peer is driven over its own control socket, as the client drives its own.
#include "app/telephony/BaresipTelephony.h"
#include "app/telephony/UriHandoffTelephony.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include <csignal>

using namespace fieldline::telephony;

namespace {

BaresipSetup setupFor(const QString &folder, const QString &user, bool autoAnswer)
{
    BaresipSetup setup;
    setup.folder = folder;
    setup.account.user = user;
    setup.account.domain = QStringLiteral("127.0.0.1");
    setup.account.password = QStringLiteral("sip-secret!");
    setup.account.autoAnswer = autoAnswer;
    setup.listenAddress = QStringLiteral("127.0.0.1");
    setup.audioPlayer = QStringLiteral("alsa,null");
    setup.audioSource = QStringLiteral("ausine,440");
    return setup;
}

/** The answering side: baresip started by the test, its control socket read by the test. */
struct Peer
{
    BaresipSetup setup;
    QProcess process;
    QTcpSocket control;
    NetstringReader reader;
    QList<QJsonObject> events;

    bool start(const QString &folder)
    {
        QString error;
        std::optional<BaresipSetup> written = BaresipConfig::write(setupFor(folder, QStringLiteral("b"), true), &error);
        if (!written) {
            qWarning() << error;
            return false;
        }
        setup = *written;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(setup.program, {QStringLiteral("-f"), setup.folder});
        if (!QTest::qWaitFor(
                [&] {
                    return process.readAll().contains("baresip is ready.") || process.state() == QProcess::NotRunning;
                },
                10000))
            return false;
        QObject::connect(&control, &QTcpSocket::readyRead, &control, [this] {
            reader.append(control.readAll());
            while (auto message = reader.next())
                events.append(QJsonDocument::fromJson(*message).object());
        });
        control.connectToHost(QHostAddress::LocalHost, setup.controlPort);
        return control.waitForConnected(5000);
    }

    void send(const char *command, const QString &params = QString())
    {
        QJsonObject object;
        object.insert(QStringLiteral("command"), QString::fromLatin1(command));
        if (!params.isEmpty())
            object.insert(QStringLiteral("params"), params);
        control.write(netstring(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    }

    bool sawEvent(const char *type, const QString &param = QString()) const
    {
        for (const QJsonObject &event : events) {
            if (event.value(QStringLiteral("type")).toString() == QLatin1String(type) &&
                (param.isEmpty() || event.value(QStringLiteral("param")).toString() == param))
                return true;
        }
        return false;
    }

    QString address() const { return QStringLiteral("sip:b@127.0.0.1:%1").arg(setup.sipPort); }

    ~Peer() { BaresipTelephony::terminate(process); }
};

} // namespace

class TestBaresip : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Peer> m_peer;
    std::unique_ptr<BaresipTelephony> m_phone;
    QList<Telephony::State> m_states;
    QList<Telephony::Ending> m_endings;

    bool waitForState(Telephony::State state, int ms = 5000)
    {
        return QTest::qWaitFor([&] { return m_phone->state() == state; }, ms);
    }

    bool waitForEnding(int count, int ms = 5000)
    {
        return QTest::qWaitFor([&] { return m_endings.size() >= count; }, ms);
    }

    bool establish() { return m_phone->dial(m_peer->address()) && waitForState(Telephony::State::Established); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_peer = std::make_unique<Peer>();
        QVERIFY(m_peer->start(m_dir.filePath(QStringLiteral("peer"))));
        m_phone = std::make_unique<BaresipTelephony>(
            setupFor(m_dir.filePath(QStringLiteral("agent")), QStringLiteral("a"), false));
        connect(m_phone.get(), &Telephony::stateChanged, this, [this](Telephony::State s) { m_states.append(s); });
        connect(m_phone.get(), &Telephony::callEnded, this,
                [this](const Telephony::Ending &e) { m_endings.append(e); });
        m_phone->start();
        QVERIFY2(QTest::qWaitFor([&] { return m_phone->isReady(); }, 10000), qPrintable(m_phone->problem()));
        // The password was read at start and is not left on disk.
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("agent/accounts"))));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("agent/config"))));
    }

    void init()
    {
        m_states.clear();
        m_endings.clear();
        m_peer->events.clear();
        QVERIFY(m_phone->canDial());
    }

    void dialAnsweredAndHungUpHere()
    {
        QElapsedTimer timer;
        timer.start();
        QVERIFY(establish());
        const qint64 setupMs = timer.elapsed();
        QVERIFY2(setupMs < 2000, qPrintable(QString::number(setupMs)));
        QCOMPARE(m_states.front(), Telephony::State::Dialing);
        QTest::qWait(300);
        m_phone->hangUp();
        QVERIFY(waitForEnding(1));
        const Telephony::Ending &ending = m_endings.front();
        QVERIFY(ending.answered);
        QVERIFY(!ending.failed);
        QCOMPARE(ending.cause, QStringLiteral("hung up here"));
        QCOMPARE(ending.code, QStringLiteral("hung_up_here"));
        QVERIFY2(ending.durationMs >= 250 && ending.durationMs < 5000, qPrintable(QString::number(ending.durationMs)));
        QCOMPARE(ending.target, m_peer->address());
        QCOMPARE(m_phone->state(), Telephony::State::Idle);
        qInfo("dial to established in %lld ms, talk time %lld ms", setupMs, ending.durationMs);
    }

    void hungUpByTheOtherSide()
    {
        QVERIFY(establish());
        m_peer->send("hangup");
        QVERIFY(waitForEnding(1));
        QCOMPARE(m_endings.front().cause, QStringLiteral("hung up by the other side"));
        QCOMPARE(m_endings.front().code, QStringLiteral("hung_up_by_peer"));
        QVERIFY(m_endings.front().answered);
    }

    void holdResumeAndDtmf()
    {
        QVERIFY(establish());
        m_phone->setHeld(true);
        QVERIFY(waitForState(Telephony::State::Held));
        m_phone->setHeld(false);
        QVERIFY(waitForState(Telephony::State::Established));
        m_phone->sendDtmf(QStringLiteral("7#"));
        QVERIFY(QTest::qWaitFor([&] { return m_peer->sawEvent("CALL_DTMF_START", QStringLiteral("#")); }, 5000));
        QVERIFY(m_peer->sawEvent("CALL_DTMF_START", QStringLiteral("7")));
        m_phone->sendDtmf(QStringLiteral("1\"; quit")); // not DTMF: nothing is sent
        m_phone->hangUp();
        QVERIFY(waitForEnding(1));
        QVERIFY(m_endings.front().answered);
    }

    void nobodyListeningEndsWithACause()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QVERIFY(m_phone->dial(QStringLiteral("sip:nobody@127.0.0.1:%1;transport=tcp").arg(port)));
        QVERIFY(waitForEnding(1));
        QVERIFY(m_endings.front().failed);
        QVERIFY(!m_endings.front().answered);
        QCOMPARE(m_endings.front().cause, QStringLiteral("nobody answers at that address"));
        QCOMPARE(m_endings.front().code, QStringLiteral("unreachable"));
    }

    void unknownUserEndsWithACause()
    {
        QVERIFY(m_phone->dial(QStringLiteral("sip:x@127.0.0.1:%1").arg(m_peer->setup.sipPort)));
        QVERIFY(waitForEnding(1));
        QVERIFY(m_endings.front().failed);
        QCOMPARE(m_endings.front().cause, QStringLiteral("the number does not exist"));
        QCOMPARE(m_endings.front().code, QStringLiteral("not_found"));
    }

    void oneCallAtATime()
    {
        QVERIFY(establish());
        QVERIFY(!m_phone->dial(m_peer->address()));
        QCOMPARE(m_phone->problem(), QStringLiteral("A call is already under way."));
        m_phone->hangUp();
        QVERIFY(waitForEnding(1));
    }

    void killedMidCallEndsAsFailedAndRestarts()
    {
        QVERIFY(establish());
        const qint64 pid = m_phone->processId();
        QVERIFY(pid > 0);
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(waitForEnding(1));
        QVERIFY(m_endings.front().failed);
        QVERIFY(m_endings.front().answered);
        QVERIFY2(m_endings.front().cause.startsWith(QStringLiteral("failed: ")), qPrintable(m_endings.front().cause));
        QCOMPARE(m_endings.front().code, QStringLiteral("engine_failed"));
        QVERIFY(!m_phone->problem().isEmpty()); // the agent is told
        QVERIFY(QTest::qWaitFor([&] { return m_phone->isReady(); }, 10000));
        QVERIFY(m_phone->processId() != pid);
        QCOMPARE(m_phone->restarts(), 1);
        // The restarted engine places calls again. The peer still holds the dead call: end it there first.
        m_peer->send("hangup");
        QTest::qWait(100);
        m_endings.clear();
        QVERIFY(establish());
        m_phone->hangUp();
        QVERIFY(waitForEnding(1));
        QVERIFY(!m_endings.front().failed);
    }

    void accountFieldsCannotAddParameters_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("password");
        QTest::newRow("password with ;") << "a"
                                         << "127.0.0.1"
                                         << "x;answermode=auto";
        QTest::newRow("password with a space") << "a"
                                               << "127.0.0.1"
                                               << "two words";
        QTest::newRow("user with @") << "a@evil"
                                     << "127.0.0.1"
                                     << "";
        QTest::newRow("domain with ;") << "a"
                                       << "pbx;transport=tcp"
                                       << "";
        QTest::newRow("no user") << ""
                                 << "127.0.0.1"
                                 << "";
    }

    void accountFieldsCannotAddParameters()
    {
        QFETCH(QString, user);
        QFETCH(QString, domain);
        QFETCH(QString, password);
        BaresipSetup setup = setupFor(m_dir.filePath(QStringLiteral("refused")), user, false);
        setup.account.domain = domain;
        setup.account.password = password;
        QString error;
        QVERIFY(!BaresipConfig::write(setup, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("refused/accounts"))));
    }

    void handOffOpensALinkAndEndsAtOnce()
    {
        QList<QUrl> opened;
        UriHandoffTelephony tel(UriHandoffTelephony::Scheme::Tel, [&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QSignalSpy ended(&tel, &Telephony::callEnded);
        QVERIFY(tel.dial(QStringLiteral("+12125550100")));
        QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("tel:+12125550100"))});
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.front().front().value<Telephony::Ending>().cause, QStringLiteral("handed off"));
        QVERIFY(!tel.tracksCalls());
        QCOMPARE(UriHandoffTelephony::linkFor(QStringLiteral("+12125550100"), UriHandoffTelephony::Scheme::Callto),
                 QUrl(QStringLiteral("callto:+12125550100")));

        UriHandoffTelephony none(UriHandoffTelephony::Scheme::Sip, [](const QUrl &) { return false; });
        QVERIFY(!none.dial(QStringLiteral("+12125550100")));
        QVERIFY(none.problem().contains(QStringLiteral("sip")));
    }

    void cleanupTestCase()
    {
        m_phone->stop();
        QVERIFY(m_phone->processId() == 0 || !QFile::exists(QStringLiteral("/proc/%1").arg(m_phone->processId())));
        m_phone.reset();
        m_peer.reset();
    }
};

QTEST_GUILESS_MAIN(TestBaresip)
#include "tst_baresip.moc"
