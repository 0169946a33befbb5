#pragma once

// The storage benchmark's workload, written against the SQLite C API only, so that the same code runs on
// plain SQLite, on Fieldline's encrypted store and (compiled separately against libsqlcipher) on SQLCipher.

#include <string>

struct sqlite3;

namespace fieldline::bench {

struct WorkloadParams
{
    int rows = 100000;        ///< ~250-byte rows, inserted in batches
    int batch = 1000;         ///< rows per transaction
    int lookups = 100000;     ///< random point lookups by primary key
    int scans = 2000;         ///< range scans of 100 rows on a secondary index
    int ftsQueries = 2000;    ///< full-text queries
    int cacheKiB = 8192;      ///< cache for inserts, scans and FTS: the store's default
    int lookupCacheKiB = 512; ///< small cache for point lookups: most of them go through the VFS
    std::string fts = "fts5"; ///< SQLCipher 3.4.1 has no FTS5: it runs FTS4
};

struct WorkloadTimes
{
    double insertMs = 0;
    double lookupMs = 0;
    double scanMs = 0;
    double ftsMs = 0;
    int misses[4] = {}; ///< SQLite page-cache misses (pages read through the VFS) per phase
    double totalMs() const { return insertMs + lookupMs + scanMs + ftsMs; }
};

/** Runs the whole workload on an open, empty database; returns false (and sets error) on any SQLite error. */
bool runWorkload(sqlite3 *db, const WorkloadParams &params, WorkloadTimes *times, std::string *error);

} // namespace fieldline::bench
