#include "SqlDialect.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Status;

namespace {

/** The embedded default: one file, one server process, the schema version in PRAGMA user_version. */
class SqliteDialect final : public SqlDialect
{
public:
    explicit SqliteDialect(QString dataDir)
        : m_dataDir(std::move(dataDir))
    {}

    Status open(const QString &connectionName) const override
    {
        if (!QDir().mkpath(m_dataDir))
            return Error{ErrorCode::Io, QStringLiteral("Cannot create the data folder %1.").arg(m_dataDir)};
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        database.setDatabaseName(QDir(m_dataDir).filePath(QStringLiteral("tenants.sqlite")));
        database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!database.open())
            return Error{ErrorCode::Io, QStringLiteral("Cannot open the tenant store: ") + database.lastError().text()};
        QSqlQuery pragma(database);
        for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
            if (!pragma.exec(QLatin1String(sql)))
                return Error{ErrorCode::Io,
                             QStringLiteral("Cannot configure the tenant store: ") + pragma.lastError().text()};
        }
        return {};
    }

    QString describe() const override { return QDir(m_dataDir).filePath(QStringLiteral("tenants.sqlite")); }
    bool migratesOnOpen() const override { return true; }

    // One server process owns the data folder (its lock file), and it migrates before it serves.
    Status lockSchemaChanges(const QSqlDatabase &) const override { return {}; }

    int schemaVersion(const QSqlDatabase &db) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    QStringList recordSchemaVersion(int version) const override
    {
        return {QStringLiteral("PRAGMA user_version = %1").arg(version)};
    }

    Status secureTenantTables(const QSqlDatabase &) const override { return {}; }

    Status grantApplicationRole(const QSqlDatabase &, const QString &) const override
    {
        return Error{ErrorCode::Unsupported, QStringLiteral("Application roles exist only with --postgres.")};
    }

    Status checkApplicationRole(const QSqlDatabase &) const override { return {}; }

    bool isConstraintViolation(const QSqlError &error) const override
    {
        // Primary code 19 and its extended forms 2067 (unique) and 787 (foreign key).
        const QString code = error.nativeErrorCode();
        return code == QLatin1String("19") || code == QLatin1String("2067") || code == QLatin1String("787");
    }

    // One embedded file per server holds every tenant; isolation rests on the tenant id in every WHERE clause.
    Status bindTenant(const QSqlDatabase &, qint64) const override { return {}; }

protected:
    Types types() const override { return {"INTEGER PRIMARY KEY", "INTEGER", "BLOB"}; }

private:
    QString m_dataDir;
};

} // namespace

std::unique_ptr<SqlDialect> sqliteDialect(const QString &dataDir)
{
    return std::make_unique<SqliteDialect>(dataDir);
}

} // namespace fieldline::server
