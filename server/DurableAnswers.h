#pragma once

#include "storage/Error.h"

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>

#include <deque>
#include <functional>

class QHttpServer;

namespace fieldline::server {

class Metrics;

/**
 * Answers that wait until what they report is on disk, with one sync of the store for every commit made meanwhile
 * (group commit).
 *
 * The store commits without waiting for the disk (WalCommits). A route that answers through answer() is held
 * until a sync covers the commits made up to its answer, and not only its own: a pull that returns another
 * device's push waits for that push's sync too, so no device ever learns a change, or a cursor, that a power cut
 * could take back. The sync runs on a worker thread; the event loop goes on serving requests meanwhile, and
 * every request committed while one sync runs is answered after the next. A failed sync answers what it was to
 * cover with @c failure (500).
 *
 * Every other route answers as before: if it committed anything, the store is synced on the event loop before
 * its answer goes (afterRequest), so it too never answers before its own writes are on disk.
 *
 * Without @c commits (PostgreSQL, whose commit waits for its own disk) every answer goes at once.
 */
class DurableAnswers : public QObject
{
public:
    struct Store
    {
        /** Commits so far; called on this thread. */
        std::function<quint64()> commits;
        /** Makes every commit counted before the call durable; called on a worker thread. */
        std::function<storage::Status()> sync;
    };
    /** The answer for requests whose commits the store failed to make durable. */
    using Failure = std::function<QHttpServerResponse(const QString &why)>;

    /** Called with the status sent, or 0 when the client left before its answer was ready. */
    using Answered = std::function<void(int status)>;

    /** Hooks into @p http; construct it before the routes, and before the AccessLog that logs the status it sends. */
    DurableAnswers(QHttpServer &http, Metrics &metrics, Store store, Failure failure);
    /** Waits for a sync under way. Answers still held are dropped with their connections' requests. */
    ~DurableAnswers() override;

    /** Sends @p response once the store's commits so far are durable, then calls @p answered. */
    void answer(QHttpServerResponder &&responder, QHttpServerResponse &&response, Answered answered);
    /** Answers held now, waiting for a sync. */
    std::size_t held() const { return m_held.size(); }

private:
    struct Held
    {
        quint64 commit;
        QPointer<QTcpSocket> socket; // the responder's pointer is raw; the client may go while it waits
        QHttpServerResponder responder;
        QHttpServerResponse response;
        Answered answered;
    };

    bool durable(quint64 commit) const { return commit <= m_durable; }
    void startSync();
    void synced(quint64 target, const storage::Status &status);
    /** Syncs on this thread if the request that just ran committed; the answer to send instead when it failed. */
    QHttpServerResponse afterRoute(QHttpServerResponse &&response);
    static void send(Held &held, QHttpServerResponse &&response);
    /** Sends the held answers a sync up to @p target was for: as they are if @p outcome is a success, else the failure.
     */
    void release(quint64 target, const storage::Status &outcome);

    Metrics &m_metrics;
    Store m_store;
    Failure m_failure;
    std::deque<Held> m_held;
    quint64 m_durable = 0;
    quint64 m_atRequestStart = 0;
    bool m_syncing = false;
    QThreadPool m_worker;
};

} // namespace fieldline::server
