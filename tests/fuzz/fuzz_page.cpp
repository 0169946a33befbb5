// libFuzzer target for the page decoder and the encrypting VFS's read path.
//
// The input is a list of edits applied to a valid encrypted database and WAL (made once, with a fixed key),
// which is then opened and scanned. Whatever the edits, the store must answer with an error value or with
// data, never crash, hang or read out of bounds. The first byte of each edit picks the file (db or WAL).
// Inputs too short to form an edit are decoded directly as one sealed page.
#include "storage/Database.h"
#include "storage/PageCipher.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstring>

using namespace fieldline::storage;

namespace {

DatabaseKey fixedKey()
{
    return {SecretBytes::copyOf(QByteArray(32, '\x42')), QByteArray(16, '\x17'), 1};
}

struct Seed
{
    QTemporaryDir dir;
    QByteArray db;
    QByteArray wal;
};

Seed &seed()
{
    static Seed s = [] {
        Seed made;
        const QString path = made.dir.filePath(QStringLiteral("seed.db"));
        {
            auto db = Database::open(path, fixedKey(), {.create = true});
            (void)(*db)->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX tv ON t(v);"
                              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<200) "
                              "INSERT INTO t SELECT i, printf('value %d', i) FROM n;");
        }
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        made.db = f.readAll();
        {
            auto db = Database::open(path, fixedKey());
            // Keep the WAL as written: its frames are the other half of the fuzzed state.
            (void)(*db)->exec("PRAGMA wal_autocheckpoint=0; UPDATE t SET v = v || '!' WHERE id % 3 = 0;");
            QFile w(path + QStringLiteral("-wal"));
            w.open(QIODevice::ReadOnly);
            made.wal = w.readAll();
        }
        return made;
    }();
    return s;
}

void decodeOnePage(const uint8_t *data, size_t size)
{
    static const PageCipher cipher(fixedKey());
    unsigned char sealed[PageCipher::PageSize] = {};
    unsigned char plain[PageCipher::PageSize];
    std::memcpy(sealed, data + 1, std::min<size_t>(size - 1, sizeof sealed));
    const auto role = PageCipher::Role(1 + data[0] % 3);
    cipher.open(sealed, plain, role, data[0] >> 2);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (size < 8) {
        decodeOnePage(data, size);
        return 0;
    }
    Seed &s = seed();
    QByteArray db = s.db;
    QByteArray wal = s.wal;
    // Edits: [target:1][offset:3][length:1][bytes...]
    size_t i = 0;
    while (i + 5 <= size) {
        QByteArray &file = (data[i] & 1) ? wal : db;
        const qsizetype offset =
            qsizetype((data[i + 1] << 16 | data[i + 2] << 8 | data[i + 3]) % std::max<qsizetype>(1, file.size() + 1));
        const size_t length = std::min<size_t>(data[i + 4], size - (i + 5));
        if (data[i] & 2)
            file.truncate(offset); // torn file
        else
            file.replace(offset, qsizetype(length), reinterpret_cast<const char *>(data + i + 5), qsizetype(length));
        i += 5 + length;
    }
    const QString path = s.dir.filePath(QStringLiteral("fuzz.db"));
    for (auto [name, content] : {std::pair{path, &db}, std::pair{QString(path + QStringLiteral("-wal")), &wal}}) {
        QFile f(name);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(*content);
    }
    if (auto opened = Database::open(path, fixedKey()); opened) {
        (void)(*opened)->queryInt("SELECT count(*) FROM t WHERE v LIKE '%5%'");
        (void)(*opened)->integrityCheck();
    }
    return 0;
}
