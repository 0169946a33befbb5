// libFuzzer target for CSV import: CsvReader on any bytes, then CsvImport's checks on what it read.
//
// Whatever the bytes, reading must end with records and problems, never a crash, hang or unbounded allocation.
// Records start on increasing lines, problems name a line, and a record with no problem reads back the same
// after CsvWriter wrote it (the writer quotes exactly what needs quoting). The checks then run every cell through
// its parser (libphonenumber, time zones, numbers), which must not crash on any text either.
#include "server/CellParser.h"
#include "server/CsvImport.h"
#include "server/CsvReader.h"
#include "server/CsvWriter.h"
#include "server/ImportSchema.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace fieldline::server;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "%s\n", what);
    std::abort();
}

void checkRecords(const CsvDocument &document)
{
    qsizetype previous = 0;
    for (const CsvRecord &record : document.records) {
        if (record.line <= previous)
            fail("records do not start on increasing lines");
        previous = record.line;
    }
    for (const CsvProblem &problem : document.problems) {
        if (problem.line < 0 || problem.message.isEmpty())
            fail("a problem without a line or a message");
    }
}

void checkWriterRoundTrip(const CsvDocument &document, const CsvReader &reader)
{
    if (!document.problems.empty())
        return;
    CsvWriter writer;
    for (const CsvRecord &record : document.records)
        writer.addRecord(record.fields);
    const CsvDocument again = reader.read(writer.data());
    if (!again.problems.empty() || again.records.size() != document.records.size())
        fail("written records do not read back");
    for (size_t i = 0; i < again.records.size(); ++i) {
        if (again.records[i].fields != document.records[i].fields)
            fail("a written record reads back different");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Small limits so that the limit paths are reached by inputs of fuzzer size.
    const CsvReader reader({.maxBytes = 64 << 10, .maxFields = 16});
    const CsvDocument document = reader.read(input);
    if (document.tooLarge != (input.size() > reader.limits().maxBytes))
        fail("tooLarge does not match the size");
    checkRecords(document);
    checkWriterRoundTrip(document, reader);

    static const CellParser cells({QStringLiteral("agent")}, QStringLiteral("US"));
    for (const QString &table : importTableNames()) {
        CsvImport import(*importTable(table), cells);
        if (!import.check(document) && import.problems().empty())
            fail("a refused file without a problem");
    }
    return 0;
}
