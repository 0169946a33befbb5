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
#include <limits>

class QHttpServer;

namespace fieldline::server {

class Metrics;

/**
 * Answers that wait until what they report is on disk, with one sync of the store for every write made meanwhile
 * (group commit).
 *
 * The store commits without waiting for the disk (WalCommits; PostgresCommits). An answer given through answer()
 * is held until a sync covers the store's position at that moment, not only the route's own writes: a pull that
 * returns another device's push waits for that push's sync too, so no device learns a change, or a cursor, that a
 * power cut could take back through a sync route. The sync runs on a worker thread; the event loop goes on serving
 * meanwhile, and every request that writes while one sync runs is answered after the next.
 *
 * A sync that fails for a reason that may have lost writes (an I/O error: the kernel may have dropped the pages it
 * could not write, and a later sync would not say so) breaks the store for good: everything held, and every later
 * answer that needs a sync, is answered with @c failure until the server restarts, and broken() says why (/healthz).
 * A sync that could not run (the database connection went away) fails every answer held then, and forgets how
 * far the store was durable: after a database crash or failover, a later position may lie below one read before.
 *
 * With @c syncOtherRoutes, a route that answers at once (afterRequest) and wrote anything syncs on the event loop
 * before its answer goes, so it too never answers before its own writes are on disk. Without @c position every
 * answer goes at once.
 */
class DurableAnswers : public QObject
{
public:
    struct Store
    {
        /** A position that could not be read: the answer fails at once. */
        static constexpr quint64 Unknown = std::numeric_limits<quint64>::max();
        /** How far the store's writes have got (commits, or a log position); called on this thread. */
        std::function<quint64()> position;
        /** Makes everything up to @p target durable and returns the position now durable; on a worker thread. */
        std::function<storage::Result<quint64>(quint64 target)> sync;
        /** Why the store's writes may already be lost, or empty; called on this thread. Optional. */
        std::function<QString()> failure;
        /** Called on the worker thread before it ends (to close what sync opened there). Optional. */
        std::function<void()> finish;
        /** Whether routes answering at once need a sync (their commits do not wait for the disk either). */
        bool syncOtherRoutes = false;
    };
    /** The answer for requests whose writes the store failed to make durable. */
    using Failure = std::function<QHttpServerResponse(const QString &why)>;
    /** Called with the status sent, or 0 when the client left before its answer was ready. */
    using Answered = std::function<void(int status)>;

    /** Hooks into @p http; construct it before the routes, and before the AccessLog that logs the status it sends. */
    DurableAnswers(QHttpServer &http, Metrics &metrics, Store store, Failure failure);
    /** Waits for a sync under way. Answers still held are dropped with their connections' requests. */
    ~DurableAnswers() override;

    /** Sends @p response once the store's writes so far are durable, then calls @p answered. */
    void answer(QHttpServerResponder &&responder, QHttpServerResponse &&response, Answered answered);
    /**
     * The same for a responder kept past its route: @p socket was taken from it while the route ran, as the
     * responder's own socket pointer dangles once the client has gone.
     */
    void answer(QPointer<QTcpSocket> socket, QHttpServerResponder &&responder, QHttpServerResponse &&response,
                Answered answered);
    /** Sends @p response at once, for an answer that reports no write; as answer() when the client has gone. */
    void sendNow(QPointer<QTcpSocket> socket, QHttpServerResponder &&responder, QHttpServerResponse &&response,
                 Answered answered);
    /** Answers held now, waiting for a sync. */
    std::size_t held() const { return m_held.size(); }
    /** Why the store can no longer make writes durable (restart the server), or empty. */
    const QString &broken() const { return m_broken; }

private:
    struct Held
    {
        quint64 position;
        QPointer<QTcpSocket> socket; // the responder's pointer is raw; the client may go while it waits
        QHttpServerResponder responder;
        QHttpServerResponse response;
        Answered answered;
    };

    bool durable(quint64 position) const { return position <= m_durable; }
    void startSync();
    void synced(const storage::Result<quint64> &result);
    /** Takes a sync's result; false if it failed (and answered what it had to with the failure). */
    bool took(const storage::Result<quint64> &result);
    /** Breaks the store for good if it reports lost writes; true if it is broken. */
    bool checkStore();
    void breakDown(const QString &why);
    /** Sends the held answers up to @p position: as they are, or the failure @p why when it is not empty. */
    void release(quint64 position, const QString &why = {});
    /** Syncs on this thread if the request that just ran wrote; the answer to send instead when that failed. */
    QHttpServerResponse afterRoute(QHttpServerResponse &&response);
    static void send(Held &held, QHttpServerResponse &&response);

    Metrics &m_metrics;
    Store m_store;
    Failure m_failure;
    std::deque<Held> m_held;
    quint64 m_durable = 0;
    quint64 m_atRequestStart = 0;
    bool m_syncing = false;
    QString m_broken;
    QThreadPool m_worker;
};

} // namespace fieldline::server
