#pragma once

#include <QByteArray>
#include <QString>

#include <variant>

namespace fieldline::storage {
class Statement;
}

namespace fieldline::sync {

/** One cell's value: exactly SQLite's storage classes, so values round-trip bit-exactly. */
using Value = std::variant<std::monostate, qint64, double, QString, QByteArray>;

/**
 * The largest text (in UTF-8) or byte string a device may write into a cell. One such change still fits a push body
 * (1 MiB), so a written value can always be sent; the server refuses bigger ones in a push, one by one.
 */
constexpr qsizetype MaxWrittenValueBytes = 512 * 1024;

/** The size of @p value's text in UTF-8 or of its bytes; 0 for numbers and NULL. */
qsizetype valueBytes(const Value &value);

/** Binds @p value at 1-based @p index, NULL for monostate. */
void bindValue(storage::Statement &stmt, int index, const Value &value);
/** Reads a value whose `typeof()` is in @p typeColumn and whose content is in @p valueColumn. */
Value readValue(const storage::Statement &stmt, int typeColumn, int valueColumn);
/**
 * A deterministic, type-tagged text form for canonical dumps: doubles by their bit pattern (so -0.0 and
 * 0.0 differ), text percent-encoded (so a dump line never splits), blobs in hex.
 */
QByteArray canonicalValue(const Value &value);

} // namespace fieldline::sync
