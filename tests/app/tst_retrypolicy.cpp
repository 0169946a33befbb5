// When the next timed sync round starts: the interval after a good round, nothing while the user must act, and after
// failures a pause that doubles up to its limit, then varies by a quarter either way, and honours the server's
// Retry-After (429 and 503 alike, up to an hour).
#include "app/sync/RetryPolicy.h"

#include <QtTest>

using fieldline::app::RetryPolicy;
using fieldline::sync::SyncProblem;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private:
    const RetryPolicy m_policy{60'000, 5'000, 300'000};

private slots:
    void goodRoundsWaitTheIntervalAndSignInsWaitForTheUser()
    {
        for (SyncProblem problem : {SyncProblem::None, SyncProblem::Rejected}) {
            QCOMPARE(m_policy.pauseMs(problem, 0, 3, 0.5), std::optional<qint64>(60'000));
            QVERIFY(!RetryPolicy::isFailure(problem));
        }
        for (SyncProblem problem : {SyncProblem::NotLoggedIn, SyncProblem::Forbidden})
            QCOMPARE(m_policy.pauseMs(problem, 0, 0, 0.5), std::nullopt);
        // Changes refused for now while this device's clock is ahead go again once the server's clock caught up.
        QCOMPARE(m_policy.pauseMs(SyncProblem::ClockAhead, 42'000, 0, 0.5), std::optional<qint64>(43'000));
    }

    void failuresDoubleThePauseUpToTheLimit()
    {
        for (SyncProblem problem : {SyncProblem::Offline, SyncProblem::ServerError, SyncProblem::RateLimited,
                                    SyncProblem::LocalError, SyncProblem::ClockSkew}) {
            QVERIFY(RetryPolicy::isFailure(problem));
            QCOMPARE(m_policy.pauseMs(problem, 0, 0, 0.5), std::optional<qint64>(5'000));
            QCOMPARE(m_policy.pauseMs(problem, 0, 1, 0.5), std::optional<qint64>(10'000));
            QCOMPARE(m_policy.pauseMs(problem, 0, 2, 0.5), std::optional<qint64>(20'000));
            QCOMPARE(m_policy.pauseMs(problem, 0, 6, 0.5), std::optional<qint64>(300'000));
            QCOMPARE(m_policy.pauseMs(problem, 0, 40, 0.5), std::optional<qint64>(300'000));
        }
    }

    void devicesThatFailedTogetherComeBackApart()
    {
        QCOMPARE(m_policy.pauseMs(SyncProblem::Offline, 0, 2, 0.0), std::optional<qint64>(15'000));
        QCOMPARE(m_policy.pauseMs(SyncProblem::Offline, 0, 2, 0.999), std::optional<qint64>(24'990));
        // The first pause and the longest are spread as well (right after a server restart, everyone's first).
        QCOMPARE(m_policy.pauseMs(SyncProblem::Offline, 0, 0, 0.0), std::optional<qint64>(3'750));
        QCOMPARE(m_policy.pauseMs(SyncProblem::Offline, 0, 0, 0.999), std::optional<qint64>(6'247));
        QCOMPARE(m_policy.pauseMs(SyncProblem::Offline, 0, 40, 0.0), std::optional<qint64>(225'000));
        QCOMPARE(m_policy.pauseMs(SyncProblem::Offline, 0, 40, 0.999), std::optional<qint64>(374'850));
    }

    void theServersRetryAfterIsAFloor()
    {
        // 429 and 503 alike: the server's word when it is longer, the growing pause when that is.
        QCOMPARE(m_policy.pauseMs(SyncProblem::RateLimited, 60'000, 0, 0.5), std::optional<qint64>(60'000));
        QCOMPARE(m_policy.pauseMs(SyncProblem::ServerError, 60'000, 0, 0.5), std::optional<qint64>(60'000));
        QCOMPARE(m_policy.pauseMs(SyncProblem::RateLimited, 1'000, 3, 0.5), std::optional<qint64>(40'000));
        QCOMPARE(m_policy.pauseMs(SyncProblem::RateLimited, 1'800'000, 0, 0.5), std::optional<qint64>(1'800'000));
        // Up to an hour: a server asking for a day is asked again after one.
        QCOMPARE(m_policy.pauseMs(SyncProblem::ServerError, 86'400'000, 0, 0.5),
                 std::optional<qint64>(RetryPolicy::MaxRetryAfterMs));
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
