#include "sync/Value.h"

#include "storage/Statement.h"

#include <bit>
#include <cstdint>

namespace fieldline::sync {

void bindValue(storage::Statement &stmt, int index, const Value &value)
{
    std::visit(
        [&](const auto &v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                stmt.bindNull(index);
            else
                stmt.bind(index, v);
        },
        value);
}

Value readValue(const storage::Statement &stmt, int typeColumn, int valueColumn)
{
    // typeof() answers null, integer, real, text or blob: the first letter is enough.
    const QString type = stmt.text(typeColumn);
    switch (type.isEmpty() ? 'n' : type.at(0).toLatin1()) {
    case 'i':
        return stmt.int64(valueColumn);
    case 'r':
        return stmt.real(valueColumn);
    case 't':
        return stmt.text(valueColumn);
    case 'b':
        return stmt.blob(valueColumn);
    default:
        return std::monostate{};
    }
}

qsizetype valueBytes(const Value &value)
{
    if (const QByteArray *bytes = std::get_if<QByteArray>(&value))
        return bytes->size();
    const QString *text = std::get_if<QString>(&value);
    if (!text)
        return 0;
    // What toUtf8() would produce, counted without making it: a lone surrogate becomes U+FFFD (3 bytes).
    qsizetype size = 0;
    for (qsizetype i = 0; i < text->size(); ++i) {
        const char16_t unit = text->at(i).unicode();
        if (unit < 0x80) {
            size += 1;
        } else if (unit < 0x800) {
            size += 2;
        } else if (QChar::isHighSurrogate(unit) && i + 1 < text->size() && text->at(i + 1).isLowSurrogate()) {
            size += 4;
            ++i;
        } else {
            size += 3;
        }
    }
    return size;
}

QByteArray canonicalValue(const Value &value)
{
    return std::visit(
        [](const auto &v) -> QByteArray {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return "N";
            else if constexpr (std::is_same_v<T, qint64>)
                return "I" + QByteArray::number(v);
            else if constexpr (std::is_same_v<T, double>)
                return "R" + QByteArray::number(qulonglong(std::bit_cast<std::uint64_t>(v)), 16);
            else if constexpr (std::is_same_v<T, QString>)
                return "T" + v.toUtf8().toPercentEncoding();
            else
                return "B" + v.toHex();
        },
        value);
}

} // namespace fieldline::sync
