#pragma once

#include "storage/Database.h"
#include "storage/Error.h"

#include <vector>

namespace fieldline::storage {

/**
 * Numbered schema migrations keyed on PRAGMA user_version (DESIGN.md §2). Migration N takes a database from
 * version N-1 to N in one transaction together with the version bump, so a failure or a crash leaves the
 * database at N-1 exactly. A database newer than the code knows is refused before anything is touched: an
 * older Fieldline must never write to a schema it does not understand.
 */
class Migrations
{
public:
    struct Migration
    {
        int version = 0;                      ///< 1, 2, ... without gaps
        std::vector<const char *> statements; ///< run in order
    };

    /** The application schema. Append only: never edit or renumber a migration that has shipped. */
    static Migrations standard();

    explicit Migrations(std::vector<Migration> migrations);

    int latestVersion() const;
    static Result<int> currentVersion(Database &db);
    /**
     * Applies every migration above the database's version, up to target (default: latest), in order.
     * Unsupported when the database is newer than latestVersion(); Invalid for a target out of range.
     */
    Status migrate(Database &db, int target = -1) const;

private:
    std::vector<Migration> m_migrations;
};

} // namespace fieldline::storage
