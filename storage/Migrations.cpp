#include "storage/Migrations.h"

#include "storage/StorageLog.h"

namespace fieldline::storage {

Migrations Migrations::standard()
{
    return Migrations({
        {1,
         {
             "CREATE TABLE settings(key TEXT PRIMARY KEY, value)",
         }},
        {2,
         {
             // Local audit log of security-relevant profile events (created, unlocked, locked, passphrase
             // changed, key rotated). Append-only; detail is free text for people, not parsed.
             "CREATE TABLE audit_events(id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, kind TEXT NOT NULL, "
             "detail TEXT)",
         }},
    });
}

Migrations::Migrations(std::vector<Migration> migrations)
    : m_migrations(std::move(migrations))
{
    for (std::size_t i = 0; i < m_migrations.size(); ++i)
        Q_ASSERT_X(m_migrations[i].version == int(i) + 1, "Migrations", "versions must be 1, 2, ... without gaps");
}

int Migrations::latestVersion() const
{
    return int(m_migrations.size());
}

Result<int> Migrations::currentVersion(Database &db)
{
    Result<qint64> version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    return int(*version);
}

Status Migrations::migrate(Database &db, int target) const
{
    if (target < 0)
        target = latestVersion();
    if (target > latestVersion())
        return Error{ErrorCode::Invalid, QStringLiteral("no migration to version %1").arg(target), 0};
    Result<int> current = currentVersion(db);
    if (!current)
        return current.status();
    if (*current > latestVersion())
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("This profile was last used by a newer version of Fieldline (data version %1; "
                                    "this version knows up to %2). Update Fieldline to open it.")
                         .arg(*current)
                         .arg(latestVersion()),
                     0};
    for (int version = *current + 1; version <= target; ++version) {
        const Migration &migration = m_migrations[std::size_t(version - 1)];
        Transaction tx(db);
        if (!tx.begun())
            return tx.begun();
        for (const char *sql : migration.statements) {
            if (Status s = db.exec(sql); !s)
                return Error{s.code(), QStringLiteral("migration %1 failed: %2").arg(version).arg(s.message()),
                             s.error().sqliteCode};
        }
        // Bumped inside the same transaction: the schema and its version commit together or not at all.
        const QByteArray bump = "PRAGMA user_version=" + QByteArray::number(version);
        if (Status s = db.exec(bump.constData()); !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
        qCInfo(lcStorage) << "migrated database to version" << version;
    }
    return {};
}

} // namespace fieldline::storage
