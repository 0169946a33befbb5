#include "StorageWorkload.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <random>

namespace fieldline::bench {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Stmt
{
    sqlite3_stmt *s = nullptr;
    Stmt(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
    ~Stmt() { sqlite3_finalize(s); }
};

const char *const words[] = {"copper", "valve", "steel",  "bracket", "hose",   "filter", "pump",   "gasket",
                             "brass",  "elbow", "nozzle", "flange",  "sensor", "relay",  "switch", "cable"};

std::string nameFor(std::mt19937 &rng)
{
    std::string name;
    while (name.size() < 220) {
        name += words[rng() % 16];
        name += ' ';
    }
    return name;
}

int takeMisses(sqlite3 *db)
{
    int current = 0;
    int highwater = 0;
    sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_MISS, &current, &highwater, 1);
    return current;
}

bool fail(sqlite3 *db, std::string *error)
{
    *error = sqlite3_errmsg(db);
    return false;
}

} // namespace

bool runWorkload(sqlite3 *db, const WorkloadParams &p, WorkloadTimes *times, std::string *error)
{
    const std::string schema = "PRAGMA cache_size=-" + std::to_string(p.cacheKiB) +
                               ";"
                               "CREATE TABLE product(id INTEGER PRIMARY KEY, sku TEXT, name TEXT, price INTEGER);"
                               "CREATE INDEX product_price ON product(price);"
                               "CREATE VIRTUAL TABLE product_fts USING " +
                               p.fts + "(name);";
    if (sqlite3_exec(db, schema.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(db, error);
    std::mt19937 rng(20261122);
    takeMisses(db);

    auto start = Clock::now();
    {
        Stmt insert(db, "INSERT INTO product(id, sku, name, price) VALUES (?, ?, ?, ?)");
        Stmt fts(db, "INSERT INTO product_fts(rowid, name) VALUES (?, ?)");
        for (int id = 1; id <= p.rows; ++id) {
            if ((id - 1) % p.batch == 0 && sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
                return fail(db, error);
            const std::string sku = "SKU-" + std::to_string(1000000 + id);
            const std::string name = nameFor(rng);
            sqlite3_bind_int64(insert.s, 1, id);
            sqlite3_bind_text(insert.s, 2, sku.c_str(), int(sku.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(insert.s, 3, name.c_str(), int(name.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert.s, 4, std::int64_t(rng() % 100000));
            sqlite3_bind_int64(fts.s, 1, id);
            sqlite3_bind_text(fts.s, 2, name.c_str(), int(name.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(insert.s) != SQLITE_DONE || sqlite3_step(fts.s) != SQLITE_DONE)
                return fail(db, error);
            sqlite3_reset(insert.s);
            sqlite3_reset(fts.s);
            if (id % p.batch == 0 || id == p.rows) {
                if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
                    return fail(db, error);
            }
        }
    }
    times->insertMs = msSince(start);
    times->misses[0] = takeMisses(db);

    const std::string smallCache = "PRAGMA cache_size=-" + std::to_string(p.lookupCacheKiB);
    const std::string normalCache = "PRAGMA cache_size=-" + std::to_string(p.cacheKiB);
    if (sqlite3_exec(db, smallCache.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(db, error);
    start = Clock::now();
    {
        Stmt lookup(db, "SELECT sku, name, price FROM product WHERE id = ?");
        std::int64_t checksum = 0;
        for (int i = 0; i < p.lookups; ++i) {
            sqlite3_bind_int64(lookup.s, 1, std::int64_t(1 + rng() % unsigned(p.rows)));
            if (sqlite3_step(lookup.s) != SQLITE_ROW)
                return fail(db, error);
            checksum += sqlite3_column_int64(lookup.s, 2);
            sqlite3_reset(lookup.s);
        }
        if (checksum == 0)
            return fail(db, error);
    }
    times->lookupMs = msSince(start);
    times->misses[1] = takeMisses(db);
    if (sqlite3_exec(db, normalCache.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(db, error);

    start = Clock::now();
    {
        Stmt scan(db, "SELECT id, price FROM product WHERE price >= ? ORDER BY price LIMIT 100");
        for (int i = 0; i < p.scans; ++i) {
            sqlite3_bind_int64(scan.s, 1, std::int64_t(rng() % 99000));
            int rc;
            while ((rc = sqlite3_step(scan.s)) == SQLITE_ROW) {
            }
            if (rc != SQLITE_DONE)
                return fail(db, error);
            sqlite3_reset(scan.s);
        }
    }
    times->scanMs = msSince(start);
    times->misses[2] = takeMisses(db);

    start = Clock::now();
    {
        Stmt query(db, "SELECT rowid FROM product_fts WHERE product_fts MATCH ? LIMIT 20");
        for (int i = 0; i < p.ftsQueries; ++i) {
            const std::string match = std::string(words[rng() % 16]) + " AND " + words[rng() % 16];
            sqlite3_bind_text(query.s, 1, match.c_str(), int(match.size()), SQLITE_TRANSIENT);
            int rc;
            while ((rc = sqlite3_step(query.s)) == SQLITE_ROW) {
            }
            if (rc != SQLITE_DONE)
                return fail(db, error);
            sqlite3_reset(query.s);
        }
    }
    times->ftsMs = msSince(start);
    times->misses[3] = takeMisses(db);
    return true;
}

} // namespace fieldline::bench
