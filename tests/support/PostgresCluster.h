#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

/**
 * A throwaway PostgreSQL cluster for integration tests: initdb in a temporary folder, one postmaster on a free
 * 127.0.0.1 port (and a Unix socket in the same folder), fsync off unless asked for. It has an owner role that owns the
 * database "fieldline" and an application role that owns nothing, both with passwords over TCP (scram-sha-256).
 *
 * initdb and postgres refuse to run as root; as root they run as the system user "postgres". The postmaster is
 * our direct child, stopped by its own PID with bounded waits when this object goes away.
 *
 * FIELDLINE_PG_BINDIR overrides where the binaries are looked for (default: the newest /usr/lib/postgresql/N/bin).
 */
class PostgresCluster
{
public:
    static constexpr char Database[] = "fieldline";
    static constexpr char OwnerRole[] = "fieldline_owner";
    static constexpr char AppRole[] = "fieldline_app";

    PostgresCluster() = default;
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster &) = delete;
    PostgresCluster &operator=(const PostgresCluster &) = delete;

    /** Tests leave the disk out; a benchmark of durable commits keeps PostgreSQL's defaults (fsync,
     * synchronous_commit). */
    enum class Disk { NoSync, Durable };
    /** Makes, starts and sets up the cluster; false with error() saying why (PostgreSQL missing, no start). */
    bool start(Disk disk = Disk::NoSync);
    void stop();
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }

    /** postgresql://role:password@127.0.0.1:port/database. */
    QString url(const QString &role, const QString &database = QLatin1String(Database)) const;
    QString ownerUrl() const { return url(QLatin1String(OwnerRole)); }
    QString appUrl() const { return url(QLatin1String(AppRole)); }
    static QString password(const QString &role) { return role + QStringLiteral("-secret"); }

    /** Runs statements as the superuser over the Unix socket (in database @p database); false with error(). */
    bool superuser(const QStringList &statements, const QString &database = QStringLiteral("postgres"));

private:
    bool fail(const QString &message);
    QString binary(const QString &name) const;
    /** Runs a PostgreSQL tool to its end within @p timeoutMs; false with error() and its output on failure. */
    bool run(const QString &tool, const QStringList &arguments, int timeoutMs);
    /** Makes @p process run as the postgres user when we are root, and end with this process. */
    void dropPrivileges(QProcess &process) const;
    bool waitUntilReady(int timeoutMs);

    QTemporaryDir m_dir;
    QString m_binDir;
    QProcess m_postmaster;
    quint16 m_port = 0;
    QString m_error;
};
