#include "sync/RowState.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace fieldline::sync {

namespace {

// Packed cell format, little-endian: u16 count, then per cell u16 column length, column UTF-8, u8 type,
// payload (i64 | f64 bits | u32 length + bytes | nothing for NULL), i64 cl, i64 hlc, 16-byte site, i64 seq.
enum Type : char { Null = 0, Integer = 1, Real = 2, Text = 3, Blob = 4 };

void putInt(QByteArray &out, quint64 v, int bytes)
{
    // One append per integer rather than one per byte: encoding runs for every row an apply touches.
    char le[8] = {};
    for (int i = 0; i < bytes; ++i)
        le[i] = char(v >> (8 * i));
    out.append(le, bytes);
}

class Reader
{
public:
    explicit Reader(const QByteArray &blob)
        : m_data(blob)
    {}
    bool take(qsizetype n, const char *&at)
    {
        if (n < 0 || m_data.size() - m_pos < n)
            return false;
        at = m_data.constData() + m_pos;
        m_pos += n;
        return true;
    }
    bool getInt(quint64 &v, int bytes)
    {
        const char *at = nullptr;
        if (!take(bytes, at))
            return false;
        v = 0;
        for (int i = 0; i < bytes; ++i)
            v |= quint64(uchar(at[i])) << (8 * i);
        return true;
    }
    bool atEnd() const { return m_pos == m_data.size(); }

private:
    const QByteArray &m_data;
    qsizetype m_pos = 0;
};

} // namespace

qint64 RowState::maxSeq() const
{
    qint64 m = seq;
    for (const CellState &c : cells)
        m = std::max(m, c.seq);
    return m;
}

qint64 RowState::newestHlc() const
{
    qint64 newest = stamp.hlc;
    for (const CellState &c : cells)
        newest = std::max(newest, c.stamp.hlc);
    return newest;
}

const CellState *RowState::cell(const QString &column) const
{
    auto it = std::lower_bound(cells.begin(), cells.end(), column,
                               [](const CellState &c, const QString &name) { return c.column < name; });
    return it != cells.end() && it->column == column ? &*it : nullptr;
}

qsizetype RowState::cellBytes() const
{
    qsizetype bytes = 0;
    for (const CellState &c : cells)
        bytes += valueBytes(c.value);
    return bytes;
}

bool RowState::mergeRecord(const Stamp &newStamp, qint64 newSeq)
{
    if (exists && !(newStamp > stamp))
        return false;
    exists = true;
    stamp = newStamp;
    seq = newSeq;
    return true;
}

bool RowState::mergeCell(const QString &column, const Value &value, const Stamp &newStamp, qint64 newSeq)
{
    auto it = std::lower_bound(cells.begin(), cells.end(), column,
                               [](const CellState &c, const QString &name) { return c.column < name; });
    if (it != cells.end() && it->column == column) {
        if (!(newStamp > it->stamp))
            return false;
        it->value = value;
        it->stamp = newStamp;
        it->seq = newSeq;
        return true;
    }
    cells.insert(it, CellState{column, value, newStamp, newSeq});
    return true;
}

QByteArray RowState::encodeCells() const
{
    QByteArray out;
    out.reserve(int(cells.size()) * 64);
    putInt(out, cells.size(), 2);
    for (const CellState &c : cells) {
        const QByteArray name = c.column.toUtf8();
        putInt(out, quint64(name.size()), 2);
        out += name;
        std::visit(
            [&](const auto &v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    out += char(Null);
                } else if constexpr (std::is_same_v<T, qint64>) {
                    out += char(Integer);
                    putInt(out, quint64(v), 8);
                } else if constexpr (std::is_same_v<T, double>) {
                    out += char(Real);
                    putInt(out, std::bit_cast<quint64>(v), 8);
                } else {
                    const QByteArray bytes = [&] {
                        if constexpr (std::is_same_v<T, QString>)
                            return v.toUtf8();
                        else
                            return v;
                    }();
                    out += char(std::is_same_v<T, QString> ? Text : Blob);
                    putInt(out, quint64(bytes.size()), 4);
                    out += bytes;
                }
            },
            c.value);
        putInt(out, quint64(c.stamp.cl), 8);
        putInt(out, quint64(c.stamp.hlc), 8);
        out.append(reinterpret_cast<const char *>(c.stamp.site.bytes().data()), ByteId::Size);
        putInt(out, quint64(c.seq), 8);
    }
    return out;
}

namespace {

/** One cell as it lies in a packed blob: pointers into the blob, nothing copied. */
struct PackedCell
{
    const char *column = nullptr;
    qsizetype columnSize = 0;
    char type = Null;
    quint64 word = 0;            ///< Integer or Real bits
    const char *bytes = nullptr; ///< Text or Blob
    qsizetype size = 0;
    quint64 cl = 0, hlc = 0, seq = 0;
    const char *site = nullptr;
};

/** Calls @p onCell(cell, count) for each cell of a blob written by encodeCells(); false on anything malformed. */
template <typename OnCell> bool walkCells(const QByteArray &blob, OnCell onCell)
{
    if (blob.isEmpty())
        return true;
    Reader in(blob);
    quint64 count = 0;
    if (!in.getInt(count, 2))
        return false;
    for (quint64 i = 0; i < count; ++i) {
        PackedCell c;
        quint64 len = 0;
        if (!in.getInt(len, 2) || !in.take(qsizetype(len), c.column) || !in.take(1, c.bytes))
            return false;
        c.columnSize = qsizetype(len);
        c.type = *c.bytes;
        c.bytes = nullptr;
        switch (c.type) {
        case Null:
            break;
        case Integer:
        case Real:
            if (!in.getInt(c.word, 8))
                return false;
            break;
        case Text:
        case Blob:
            if (!in.getInt(len, 4) || !in.take(qsizetype(len), c.bytes))
                return false;
            c.size = qsizetype(len);
            break;
        default:
            return false;
        }
        if (!in.getInt(c.cl, 8) || !in.getInt(c.hlc, 8) || !in.take(ByteId::Size, c.site) || !in.getInt(c.seq, 8))
            return false;
        onCell(c, count);
    }
    return in.atEnd();
}

storage::Error damagedCells()
{
    return {storage::ErrorCode::Damaged, QStringLiteral("a synced row's cells are malformed")};
}

} // namespace

storage::Status RowState::decodeCells(const QByteArray &blob, std::vector<CellState> &cells)
{
    cells.clear();
    const bool whole = walkCells(blob, [&](const PackedCell &p, quint64 count) {
        if (cells.empty())
            cells.reserve(count);
        CellState c;
        c.column = QString::fromUtf8(p.column, p.columnSize);
        switch (p.type) {
        case Integer:
            c.value = Value(qint64(p.word));
            break;
        case Real:
            c.value = Value(std::bit_cast<double>(p.word));
            break;
        case Text:
            c.value = Value(QString::fromUtf8(p.bytes, p.size));
            break;
        case Blob:
            c.value = Value(QByteArray(p.bytes, p.size));
            break;
        default:
            break;
        }
        c.stamp = Stamp{qint64(p.cl), qint64(p.hlc), *ByteId::fromBytes(QByteArray::fromRawData(p.site, ByteId::Size))};
        c.seq = qint64(p.seq);
        cells.push_back(std::move(c));
    });
    return whole ? storage::Status() : storage::Status(damagedCells());
}

storage::Result<qint64> RowState::countWrittenAfter(const QByteArray &blob, qint64 since)
{
    qint64 found = 0;
    const bool whole = walkCells(blob, [&](const PackedCell &p, quint64) { found += qint64(p.seq) > since; });
    if (!whole)
        return damagedCells();
    return found;
}

} // namespace fieldline::sync
