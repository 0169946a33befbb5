#include "PostgresCluster.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QThread>
#include <QVersionNumber>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

constexpr int StartTimeoutMs = 30000;
constexpr int StopTimeoutMs = 15000;

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QString newestBinDir()
{
    const QByteArray configured = qgetenv("FIELDLINE_PG_BINDIR");
    if (!configured.isEmpty())
        return QString::fromLocal8Bit(configured);
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QString newest;
    QVersionNumber best;
    const QStringList entries = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const QVersionNumber version = QVersionNumber::fromString(entry);
        if (QFileInfo(versions.filePath(entry + QStringLiteral("/bin/postgres"))).isExecutable() && version > best) {
            best = version;
            newest = versions.filePath(entry + QStringLiteral("/bin"));
        }
    }
    return newest;
}

} // namespace

PostgresCluster::~PostgresCluster()
{
    stop();
}

bool PostgresCluster::fail(const QString &message)
{
    m_error = message;
    return false;
}

QString PostgresCluster::binary(const QString &name) const
{
    return QDir(m_binDir).filePath(name);
}

void PostgresCluster::dropPrivileges(QProcess &process) const
{
    const passwd *user = geteuid() == 0 ? getpwnam("postgres") : nullptr;
    const bool switchUser = user != nullptr;
    const uid_t uid = user ? user->pw_uid : 0;
    const gid_t gid = user ? user->pw_gid : 0;
    // Runs in the child between fork and exec: only async-signal-safe calls. The death signal comes after the
    // user switch (which would clear it): should the test crash, PostgreSQL shuts down instead of lingering.
    process.setChildProcessModifier([switchUser, uid, gid] {
        if (switchUser && (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid) != 0))
            _exit(126);
        prctl(PR_SET_PDEATHSIG, SIGQUIT);
    });
}

bool PostgresCluster::run(const QString &tool, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    dropPrivileges(process);
    process.start(binary(tool), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return fail(QStringLiteral("%1 did not finish within %2 s.").arg(tool).arg(timeoutMs / 1000));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(QStringLiteral("%1 failed (exit %2): %3")
                        .arg(tool)
                        .arg(process.exitCode())
                        .arg(QString::fromLocal8Bit(process.readAll())));
    return true;
}

bool PostgresCluster::start(Disk disk)
{
    m_binDir = newestBinDir();
    if (m_binDir.isEmpty() || !QFileInfo(binary(QStringLiteral("initdb"))).isExecutable())
        return fail(QStringLiteral("PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin (or "
                                   "FIELDLINE_PG_BINDIR). Install the Debian package postgresql "
                                   "(tools/install-deps.sh does)."));
    if (!m_dir.isValid())
        return fail(QStringLiteral("Cannot make a temporary folder for the cluster."));
    if (geteuid() == 0) {
        const passwd *user = getpwnam("postgres");
        if (!user)
            return fail(QStringLiteral("Running as root, but there is no system user postgres to run PostgreSQL."));
        if (chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid) != 0)
            return fail(QStringLiteral("Cannot hand %1 to the postgres user.").arg(m_dir.path()));
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-E"),
              QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("--auth-local=trust"),
              QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("--no-sync")},
             120000))
        return false;

    m_port = freeLoopbackPort();
    if (m_port == 0)
        return fail(QStringLiteral("No free port on 127.0.0.1."));
    m_postmaster.setStandardOutputFile(m_dir.filePath(QStringLiteral("postgres.log")));
    m_postmaster.setStandardErrorFile(m_dir.filePath(QStringLiteral("postgres.log")), QIODevice::Append);
    dropPrivileges(m_postmaster);
    QStringList arguments{
        QStringLiteral("-D"), data,         QStringLiteral("-p"), QString::number(m_port),
        QStringLiteral("-k"), m_dir.path(), QStringLiteral("-c"), QStringLiteral("listen_addresses=127.0.0.1")};
    if (disk == Disk::NoSync)
        arguments << QStringLiteral("-c") << QStringLiteral("fsync=off") << QStringLiteral("-c")
                  << QStringLiteral("synchronous_commit=off") << QStringLiteral("-c")
                  << QStringLiteral("full_page_writes=off");
    m_postmaster.start(binary(QStringLiteral("postgres")), arguments);
    if (!m_postmaster.waitForStarted(5000))
        return fail(QStringLiteral("Cannot start postgres: ") + m_postmaster.errorString());
    if (!waitUntilReady(StartTimeoutMs))
        return false;
    const QString owner = QLatin1String(OwnerRole);
    const QString app = QLatin1String(AppRole);
    return superuser({QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(owner, password(owner)),
                      QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(app, password(app)),
                      QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(QLatin1String(Database), owner)});
}

bool PostgresCluster::waitUntilReady(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (m_postmaster.state() != QProcess::Running) {
            QFile log(m_dir.filePath(QStringLiteral("postgres.log")));
            log.open(QIODevice::ReadOnly);
            return fail(QStringLiteral("postgres exited at start: ") + QString::fromLocal8Bit(log.readAll()));
        }
        if (superuser({QStringLiteral("SELECT 1")}))
            return true;
        QThread::msleep(100);
    }
    return fail(
        QStringLiteral("postgres did not accept connections within %1 s: %2").arg(timeoutMs / 1000).arg(m_error));
}

bool PostgresCluster::superuser(const QStringList &statements, const QString &database)
{
    static int connections = 0;
    const QString name = QStringLiteral("pg-cluster-superuser-%1").arg(++connections);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_dir.path()); // a path: libpq's Unix socket folder
        db.setPort(m_port);
        db.setUserName(QStringLiteral("postgres"));
        db.setDatabaseName(database);
        if (!db.open()) {
            ok = fail(QStringLiteral("Cannot connect as the superuser: ") + db.lastError().text());
        } else {
            QSqlQuery query(db);
            for (const QString &statement : statements) {
                if (!query.exec(statement)) {
                    ok = fail(statement + QStringLiteral(": ") + query.lastError().text());
                    break;
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString PostgresCluster::url(const QString &role, const QString &database) const
{
    return QStringLiteral("postgresql://%1:%2@127.0.0.1:%3/%4").arg(role, password(role)).arg(m_port).arg(database);
}

void PostgresCluster::stop()
{
    if (m_postmaster.state() == QProcess::NotRunning)
        return;
    const qint64 pid = m_postmaster.processId();
    // SIGINT is PostgreSQL's fast shutdown: end the sessions, checkpoint, exit.
    if (pid > 0)
        ::kill(pid_t(pid), SIGINT);
    if (m_postmaster.waitForFinished(StopTimeoutMs))
        return;
    ::kill(pid_t(pid), SIGQUIT); // immediate shutdown
    if (!m_postmaster.waitForFinished(5000)) {
        m_postmaster.kill();
        m_postmaster.waitForFinished(2000);
    }
}
