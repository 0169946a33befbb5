#pragma once

#include <QHash>
#include <QString>

#include <memory>

namespace fieldline::server {

/**
 * Orders requests that replace the same value but finish out of order: each takes a ticket when it arrives, and
 * one that finishes after a later one has already written must not write over it. Two password resets of one user
 * hashed side by side on several password threads otherwise let the older password win.
 *
 * A key is forgotten once no ticket for it is held, so the table holds only requests in flight. Create it with
 * std::make_shared: a ticket that outlives it (a job dropped at shutdown) then does nothing.
 */
class LatestRequestWins : public std::enable_shared_from_this<LatestRequestWins>
{
public:
    class Ticket
    {
    public:
        Ticket(std::weak_ptr<LatestRequestWins> order, QString key, quint64 number);
        ~Ticket();
        Ticket(const Ticket &) = delete;
        Ticket &operator=(const Ticket &) = delete;

        /** Whether this request may still write: no later request on its key has written. */
        bool mayWrite() const;
        /** Notes that this request wrote. */
        void wrote();

    private:
        std::weak_ptr<LatestRequestWins> m_order;
        QString m_key;
        quint64 m_number;
    };

    /** A ticket for a request on @p key that arrives now; hold it until the request is answered. */
    std::shared_ptr<Ticket> begin(const QString &key);
    /** Keys with tickets held. */
    int keys() const { return int(m_keys.size()); }

private:
    struct Key
    {
        quint64 written = 0; ///< the latest ticket that wrote
        int held = 0;
    };
    QHash<QString, Key> m_keys;
    quint64 m_next = 0;
};

} // namespace fieldline::server
