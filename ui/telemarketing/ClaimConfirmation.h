#pragma once

#include <QObject>
#include <QPointer>

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

/**
 * Whether the server has answered this device's claim on a person from the campaign's shared pool, so that no
 * colleague can be calling them too. The server keeps the first claim it gets (server WritePolicy); once a round
 * has pushed the claim and pulled what came back, the claim on this device is the server's verdict, which the
 * agent's screen reads before dialling. Without a server account there is nobody to share the pool with, and
 * nothing to wait for.
 */
class ClaimConfirmation : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Confirmed,   ///< the server has answered (or there is no server): go on
        Waiting,     ///< a round is under way or asked for; settled() follows
        Unreachable, ///< the last round could not reach the server (or was refused): the pool waits
    };

    /** @p sync: the profile's sync service, or null (no server). */
    explicit ClaimConfirmation(app::SyncService *sync, QObject *parent = nullptr);

    /** Whether claims on people from the pool wait for a server's answer: the profile has a server account. */
    bool needed() const;
    /** Whether people from the pool may be offered now: no server, or its last round did not fail. */
    bool poolCallable() const;
    /** Local writes up to this seq have the server's answer (all of them without a server). */
    qint64 settledSeq() const;
    /**
     * Where the claim written as local seq @p seq stands. When it waits, a round is asked for (one at a time)
     * and settled() follows when one ends.
     */
    State check(qint64 seq);

signals:
    /** A round asked for by check() ended: call check() again. */
    void settled();

private:
    void roundEnded();

    QPointer<app::SyncService> m_sync;
    bool m_waiting = false;
    bool m_failed = false; ///< the round asked for ended without reaching the server
};

} // namespace fieldline::ui
