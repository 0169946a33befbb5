// The storage workload on Debian's SQLCipher 3.4.1, as a peer for bench_storage. Built against libsqlcipher
// only (it has its own SQLite 3.15.2), so it cannot live in the same process as the Fieldline store.
// Prints "insert lookup scan fts" in milliseconds.
#include "StorageWorkload.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_sqlcipher ROWS DBPATH\n");
        return 2;
    }
    fieldline::bench::WorkloadParams params;
    params.rows = std::atoi(argv[1]);
    params.fts = "fts4"; // no FTS5 in Debian's SQLCipher build
    sqlite3 *db = nullptr;
    if (sqlite3_open(argv[2], &db) != SQLITE_OK)
        return 1;
    // Same page size and pragmas as the Fieldline store; a raw 256-bit key, so no PBKDF2 cost at open.
    const char *setup = "PRAGMA key = \"x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'\";"
                        "PRAGMA cipher_page_size = 4096;"
                        "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                        "PRAGMA temp_store = MEMORY;";
    char *message = nullptr;
    if (sqlite3_exec(db, setup, nullptr, nullptr, &message) != SQLITE_OK) {
        std::fprintf(stderr, "setup: %s\n", message ? message : "");
        return 1;
    }
    fieldline::bench::WorkloadTimes t;
    std::string error;
    if (!fieldline::bench::runWorkload(db, params, &t, &error)) {
        std::fprintf(stderr, "workload: %s\n", error.c_str());
        return 1;
    }
    sqlite3_close(db);
    std::printf("%.1f %.1f %.1f %.1f\n", t.insertMs, t.lookupMs, t.scanMs, t.ftsMs);
    return 0;
}
