#include "server/Credentials.h"
#include "server/LoginThrottle.h"

#include <QTest>

using namespace fieldline::server;

/**
 * Lock, Retry-After countdown, window and lock expiry, and attempts still being checked, on a clock the test moves by
 * hand.
 */
class TestLoginThrottle : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 1'000'000;
    LoginThrottle make(int perAccount = 3, int perAddress = 5)
    {
        LoginThrottle::Limits limits;
        limits.perAccount = perAccount;
        limits.perAddress = perAddress;
        limits.windowSeconds = 300;
        limits.lockSeconds = 60;
        return LoginThrottle(limits, [this] { return m_now; });
    }
    const QString m_account = QStringLiteral("demo\nagent");
    const QString m_address = QStringLiteral("127.0.0.1");

private slots:
    void initTestCase() { QVERIFY(Credentials::initialise()); }
    void init() { m_now = 1'000'000; }

    void locksAfterLimitAndCountsDown()
    {
        LoginThrottle throttle = make();
        for (int i = 0; i < 2; ++i) {
            throttle.recordFailure(m_account, m_address);
            QCOMPARE(throttle.retryAfter(m_account, m_address), 0);
        }
        throttle.recordFailure(m_account, m_address);
        QCOMPARE(throttle.retryAfter(m_account, m_address), 60);
        m_now += 59'500;
        QCOMPARE(throttle.retryAfter(m_account, m_address), 1);
        m_now += 500;
        QCOMPARE(throttle.retryAfter(m_account, m_address), 0);
        // Another account from another address was never affected.
        QCOMPARE(throttle.retryAfter(QStringLiteral("demo\nfield"), QStringLiteral("10.0.0.1")), 0);
    }

    void failuresOutsideTheWindowAreForgotten()
    {
        LoginThrottle throttle = make();
        throttle.recordFailure(m_account, m_address);
        throttle.recordFailure(m_account, m_address);
        m_now += 301'000;
        throttle.recordFailure(m_account, m_address);
        QCOMPARE(throttle.retryAfter(m_account, m_address), 0);
    }

    void successClearsTheAccountButNotTheAddress()
    {
        LoginThrottle throttle = make(3, 4);
        throttle.recordFailure(m_account, m_address);
        throttle.recordFailure(m_account, m_address);
        throttle.recordSuccess(m_account);
        throttle.recordFailure(m_account, m_address);
        QCOMPARE(throttle.retryAfter(m_account, QStringLiteral("10.0.0.1")), 0);
        // Fourth failure from the address, on any account, locks the address.
        throttle.recordFailure(QStringLiteral("demo\nother"), m_address);
        QCOMPARE(throttle.retryAfter(QStringLiteral("demo\nnew"), m_address), 60);
    }

    void attemptsUnderWayCountAsFailures()
    {
        LoginThrottle throttle = make(3, 100);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(throttle.retryAfter(m_account, m_address), 0);
            throttle.started(m_account);
        }
        // Three guesses are being checked: a fourth waits for their outcome.
        QCOMPARE(throttle.retryAfter(m_account, m_address), 1);
        throttle.recordFailure(m_account, m_address); // 1 failure + 2 under way
        QCOMPARE(throttle.retryAfter(m_account, m_address), 1);
        throttle.recordSuccess(m_account); // failures forgotten, 1 under way
        QCOMPARE(throttle.retryAfter(m_account, m_address), 0);
        throttle.recordFailure(m_account, m_address);
        QCOMPARE(throttle.retryAfter(m_account, m_address), 0);
        throttle.recordFailure(m_account, m_address);
        throttle.recordFailure(m_account, m_address); // three recorded failures lock as before
        QCOMPARE(throttle.retryAfter(m_account, m_address), 60);
    }

    void addressesCountFailuresOnly()
    {
        // A shift starting behind one address: many attempts under way at once are no reason to wait.
        LoginThrottle throttle = make(3, 4);
        throttle.recordFailure(QStringLiteral("demo\nfirst"), m_address);
        for (int i = 0; i < 10; ++i)
            throttle.started(QStringLiteral("demo\nuser%1").arg(i));
        QCOMPARE(throttle.retryAfter(QStringLiteral("demo\nnew"), m_address), 0);
    }

    void aSuccessUnderWayLiftsTheAccountsLock()
    {
        LoginThrottle throttle = make(3, 100);
        for (int i = 0; i < 4; ++i) // the user's own attempt and three guesses, all being checked
            throttle.started(m_account);
        for (int i = 0; i < 3; ++i)
            throttle.recordFailure(m_account, m_address);
        QCOMPARE(throttle.retryAfter(m_account, m_address), 60);
        throttle.recordSuccess(m_account);
        QCOMPARE(throttle.retryAfter(m_account, m_address), 0);
    }

    void pruningKeepsAttemptsUnderWay()
    {
        LoginThrottle throttle = make(1, 100);
        throttle.started(m_account);
        m_now += 400'000; // past the window, the lock time and the prune interval
        QCOMPARE(throttle.retryAfter(m_account, m_address), 1);
        throttle.recordFailure(m_account, m_address);
        QCOMPARE(throttle.retryAfter(m_account, m_address), 60);
    }

    void pruningKeepsLocks()
    {
        LoginThrottle throttle = make(1, 100);
        throttle.recordFailure(m_account, m_address);
        for (int i = 0; i < 1000; ++i)
            throttle.recordFailure(QStringLiteral("spray%1").arg(i),
                                   QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256));
        m_now += 30'000; // past the prune interval, inside the lock
        QCOMPARE(throttle.retryAfter(m_account, m_address), 30);
    }

    void anotherInstancesFailuresCount()
    {
        // Two instances behind one balancer, with the key they share: what one publishes, the other records.
        const QByteArray key(32, 'k');
        LoginThrottle a = make(3, 50);
        LoginThrottle b = make(3, 50);
        a.setDigestKey(key);
        b.setDigestKey(key);
        QList<LoginThrottle::News> sent;
        a.setPublish([&](const LoginThrottle::News &news) { sent.append(news); });
        a.recordFailure(m_account, m_address);
        a.recordFailure(m_account, m_address);
        QCOMPARE(sent.size(), 2);
        // Only keyed digests travel: neither the login nor the address can be read or recomputed without the key.
        QVERIFY(LoginThrottle::isDigest(sent[0].account) && LoginThrottle::isDigest(sent[0].address));
        QCOMPARE(sent[0].account, b.digestOf(m_account));
        QVERIFY(sent[0].account != make().digestOf(m_account));
        for (const LoginThrottle::News &news : sent)
            QVERIFY(b.recordNews(news));
        QCOMPARE(b.retryAfter(m_account, QStringLiteral("10.0.0.9")), 0);
        // The third guess, on instance b, reaches the limit of both.
        QList<LoginThrottle::News> fromB;
        b.setPublish([&](const LoginThrottle::News &news) { fromB.append(news); });
        b.recordFailure(m_account, QStringLiteral("10.0.0.9"));
        QCOMPARE(b.retryAfter(m_account, QStringLiteral("10.0.0.9")), 60);
        QCOMPARE(fromB.size(), 1);
        QVERIFY(a.recordNews(fromB[0]));
        QCOMPARE(a.retryAfter(m_account, m_address), 60);
        // News recorded is not published again (no echo between instances), and successes are not published.
        b.recordSuccess(m_account);
        QCOMPARE(sent.size(), 2);
        QCOMPARE(fromB.size(), 1);
        // So the success on b leaves a's lock: news can only add failures, never lift a lock.
        QCOMPARE(a.retryAfter(m_account, m_address), 60);
        QCOMPARE(b.retryAfter(m_account, m_address), 0);
    }

    void instancesWithDifferentKeysShareNothing()
    {
        LoginThrottle a = make(1);
        LoginThrottle b = make(1);
        a.setDigestKey(QByteArray(32, 'a'));
        b.setDigestKey(QByteArray(32, 'b'));
        QList<LoginThrottle::News> sent;
        a.setPublish([&](const LoginThrottle::News &news) { sent.append(news); });
        a.recordFailure(m_account, m_address);
        QCOMPARE(sent.size(), 1);
        QVERIFY(b.recordNews(sent[0])); // well formed, but about an account b does not know by that digest
        QCOMPARE(b.retryAfter(m_account, m_address), 0);
    }

    void malformedNewsIsIgnored()
    {
        LoginThrottle throttle = make(1);
        const QByteArray account = throttle.digestOf(m_account);
        const QByteArray address = throttle.digestOf(m_address);
        for (const LoginThrottle::News &news :
             {LoginThrottle::News{account.left(31), address}, LoginThrottle::News{account, QByteArray()},
              LoginThrottle::News{account.toUpper(), address}, LoginThrottle::News{m_account.toUtf8(), address},
              LoginThrottle::News{account, account + "0"}})
            QVERIFY(!throttle.recordNews(news));
        QCOMPARE(throttle.retryAfter(m_account, m_address), 0);
        QVERIFY(throttle.recordNews({account, address}));
        QCOMPARE(throttle.retryAfter(m_account, m_address), 60);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
