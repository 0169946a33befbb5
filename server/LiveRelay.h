#pragma once

#include <QObject>
#include <QSqlDriver>
#include <QString>

#include <functional>

namespace fieldline::server {

/**
 * Carries "tenant T's cursor moved to C" between server instances that share one PostgreSQL database, so a device
 * connected to one instance hears about a push that another instance took.
 *
 * A push that moved a cursor is published with NOTIFY fieldline_live, '<tenant id>:<cursor>' on the tenant
 * store's connection, after its transaction committed; every instance LISTENs on that connection and hands the
 * notifications of other sessions to its own live channel (its own pushes it already told its sockets about).
 * NOTIFY carries no table data, so row-level security has nothing to check. On a backend whose Qt driver has no
 * event notifications (embedded SQLite: one server per file) the relay is inert.
 */
class LiveRelay : public QObject
{
    Q_OBJECT
public:
    static constexpr char Channel[] = "fieldline_live";
    using CursorMoved = std::function<void(qint64 tenantId, qint64 cursor)>;

    /** Listens on the store's connection @p connectionName; @p remote is called for other instances' pushes. */
    LiveRelay(const QString &connectionName, CursorMoved remote, QObject *parent = nullptr);
    ~LiveRelay() override;

    /** True when notifications cross instances (the connection LISTENs). */
    bool isActive() const { return m_active; }
    /** Tells the other instances; call after the push committed. */
    void publish(qint64 tenantId, qint64 cursor);

private:
    void received(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);

    QString m_connectionName;
    CursorMoved m_remote;
    bool m_active = false;
};

} // namespace fieldline::server
