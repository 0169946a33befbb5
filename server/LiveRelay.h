#pragma once

#include "LoginThrottle.h"

#include <QObject>
#include <QSqlDriver>
#include <QString>
#include <QStringList>

#include <functional>

namespace fieldline::server {

/**
 * Carries news between server instances that share one PostgreSQL database: "tenant T's cursor moved to C", so a
 * device connected to one instance hears about a push that another instance took; "device D of tenant T was
 * revoked", so its live sockets close on every instance, not only on the one that revoked it; and "a login on
 * account A from address B failed", so guesses spread over the instances meet one limit.
 *
 * News is published with NOTIFY fieldline_live on the tenant store's connection, after its transaction committed:
 * '<tenant id>:<cursor>', 'revoked:<tenant id>:<device id>' or 'failed:<account digest>:<address digest>'
 * (LoginThrottle::digestOf, keyed). Every instance LISTENs on that connection and
 * hands the notifications of other sessions to its own live channel (its own news it already acted on). NOTIFY
 * carries no table data, so row-level security has nothing to check. On a backend whose Qt driver has no event
 * notifications (embedded SQLite: one server per file) the relay is inert.
 */
class LiveRelay : public QObject
{
    Q_OBJECT
public:
    static constexpr char Channel[] = "fieldline_live";
    using CursorMoved = std::function<void(qint64 tenantId, qint64 cursor)>;
    using DeviceRevoked = std::function<void(qint64 tenantId, qint64 deviceId)>;
    using LoginNews = std::function<void(const LoginThrottle::News &news)>;

    /** Listens on the store's connection @p connectionName; the callbacks get other instances' news. */
    LiveRelay(const QString &connectionName, CursorMoved cursorMoved, DeviceRevoked deviceRevoked,
              QObject *parent = nullptr);
    ~LiveRelay() override;

    /** True when notifications cross instances (the connection LISTENs). */
    bool isActive() const { return m_active; }
    /** Tells the other instances; call after the push committed. */
    void publish(qint64 tenantId, qint64 cursor);
    /** Tells the other instances; call after the revocation committed. */
    void publishRevoked(qint64 tenantId, qint64 deviceId);
    /** Tells the other instances' login throttles of a failed login here. */
    void publishLogin(const LoginThrottle::News &news);
    /** LISTENs again if the connection lost it (a new session after TenantStore reconnected). */
    void listenAgain();
    /** Where other instances' login news goes. */
    void setLoginNews(LoginNews loginNews) { m_loginNews = std::move(loginNews); }

private:
    void send(const QString &payload);
    void received(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    /** Hands one notification's ':'-separated parts to its callback; false when they are malformed. */
    bool dispatch(const QStringList &parts);

    QString m_connectionName;
    CursorMoved m_cursorMoved;
    DeviceRevoked m_deviceRevoked;
    LoginNews m_loginNews;
    bool m_active = false;
};

} // namespace fieldline::server
