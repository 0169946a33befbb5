#pragma once

#include "storage/Error.h"
#include "sync/ByteId.h"
#include "sync/Value.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QCborStreamReader>
#include <QLatin1String>

#include <array>
#include <limits>
#include <optional>

namespace fieldline::sync::protocol {

/** One key a map may hold; unknown keys are skipped. */
struct FieldSpec
{
    const char *key;
    bool required;
};

/**
 * A schema-driven reader over QCborStreamReader. The first failure sticks; every limit is checked against
 * what the header declares before the reader is asked to produce the item. Used by ProtocolCodec.cpp only.
 */
class CborReader
{
public:
    CborReader(QByteArrayView bytes, const Limits &limits)
        : m_reader(bytes.data(), bytes.size())
        , m_size(bytes.size())
        , m_limits(limits)
    {}

    bool failed() const { return m_error.has_value(); }
    storage::Error error() const { return *m_error; }
    bool atEnd() const { return m_reader.currentOffset() == m_size; }

    bool fail(const QString &what)
    {
        if (!m_error) {
            m_error =
                storage::Error{storage::ErrorCode::Invalid,
                               QStringLiteral("protocol: %1 (at byte %2)").arg(what).arg(m_reader.currentOffset())};
        }
        return false;
    }
    bool unsupported(qint64 version)
    {
        m_error = storage::Error{storage::ErrorCode::Unsupported,
                                 QStringLiteral("protocol version %1 is not supported; this build speaks version %2")
                                     .arg(version)
                                     .arg(Version)};
        return false;
    }

    bool readInt(qint64 &out)
    {
        if (m_reader.isUnsignedInteger()) {
            const quint64 v = m_reader.toUnsignedInteger();
            if (v > quint64(std::numeric_limits<qint64>::max()))
                return fail(QStringLiteral("integer out of the 64-bit signed range"));
            out = qint64(v);
        } else if (m_reader.isNegativeInteger()) {
            // CBOR stores -1 - n; Qt hands back n + 1, the absolute value (0 meaning 2^64).
            const quint64 magnitude = quint64(m_reader.toNegativeInteger());
            constexpr quint64 minMagnitude = quint64(1) << 63;
            if (magnitude == 0 || magnitude > minMagnitude)
                return fail(QStringLiteral("integer out of the 64-bit signed range"));
            out = magnitude == minMagnitude ? std::numeric_limits<qint64>::min() : -qint64(magnitude);
        } else {
            return fail(QStringLiteral("expected an integer"));
        }
        return advance();
    }

    bool readCount(qint64 &out)
    {
        if (!readInt(out))
            return false;
        return out >= 0 || fail(QStringLiteral("expected a non-negative integer"));
    }

    bool readBool(bool &out)
    {
        if (!m_reader.isBool())
            return fail(QStringLiteral("expected a boolean"));
        out = m_reader.toBool();
        return advance();
    }

    bool readText(QString &out)
    {
        if (!m_reader.isString())
            return fail(QStringLiteral("expected text"));
        return readChunks(out, [this] { return m_reader.readString(); });
    }

    bool readBytes(QByteArray &out)
    {
        if (!m_reader.isByteArray())
            return fail(QStringLiteral("expected a byte string"));
        return readChunks(out, [this] { return m_reader.readByteArray(); });
    }

    bool readId(ByteId &out)
    {
        QByteArray bytes;
        if (!readBytes(bytes))
            return false;
        const auto id = ByteId::fromBytes(bytes);
        if (!id)
            return fail(QStringLiteral("an id must be %1 bytes, not %2").arg(ByteId::Size).arg(bytes.size()));
        out = *id;
        return true;
    }

    bool readValue(Value &out)
    {
        switch (m_reader.type()) {
        case QCborStreamReader::UnsignedInteger:
        case QCborStreamReader::NegativeInteger: {
            qint64 i = 0;
            if (!readInt(i))
                return false;
            out = i;
            return true;
        }
        case QCborStreamReader::Double:
            out = m_reader.toDouble();
            return advance();
        case QCborStreamReader::Float:
            out = double(m_reader.toFloat());
            return advance();
        case QCborStreamReader::Float16:
            out = double(float(m_reader.toFloat16()));
            return advance();
        case QCborStreamReader::String: {
            QString s;
            if (!readText(s))
                return false;
            out = std::move(s);
            return true;
        }
        case QCborStreamReader::ByteArray: {
            QByteArray b;
            if (!readBytes(b))
                return false;
            out = std::move(b);
            return true;
        }
        case QCborStreamReader::SimpleType:
            if (m_reader.isNull()) {
                out = std::monostate{};
                return advance();
            }
            break;
        default:
            break;
        }
        return fail(QStringLiteral("a value must be null, an integer, a float, text or bytes"));
    }

    /** Reads an array, calling @p item once per element with the reader on it. */
    template <typename F> bool readArray(F &&item)
    {
        if (!m_reader.isArray())
            return fail(QStringLiteral("expected an array"));
        if (!enter(false))
            return false;
        qsizetype count = 0;
        while (m_reader.hasNext()) {
            if (++count > m_limits.maxItems)
                return fail(QStringLiteral("more than %1 items").arg(m_limits.maxItems));
            if (!item())
                return false;
        }
        return leave();
    }

    /** The length the array at hand declares, capped by the limits (a reserve hint); 0 when not known. */
    qsizetype declaredLength() const
    {
        if (!m_reader.isArray() || !m_reader.isLengthKnown())
            return 0;
        // Capped by what the rest of the message could hold too, so the reserve never outgrows the input.
        return qsizetype(qMin<quint64>(m_reader.length(), quint64(qMin<qint64>(m_limits.maxItems, remaining()))));
    }

    /**
     * Reads a map whose keys are text. Known keys (in @p fields) are read by @p field(index); unknown keys
     * are skipped, so a newer peer may add keys. Duplicate and missing required keys are errors.
     */
    template <std::size_t N, typename F> bool readMap(const std::array<FieldSpec, N> &fields, F &&field)
    {
        static_assert(N <= 32);
        if (!m_reader.isMap())
            return fail(QStringLiteral("expected a map"));
        if (!enter(true))
            return false;
        quint32 seen = 0;
        qsizetype count = 0;
        while (m_reader.hasNext()) {
            if (++count > m_limits.maxItems)
                return fail(QStringLiteral("more than %1 map entries").arg(m_limits.maxItems));
            QString key;
            if (!m_reader.isString())
                return fail(QStringLiteral("map keys must be text"));
            if (!readText(key))
                return false;
            std::size_t index = 0;
            while (index < N && key != QLatin1String(fields[index].key))
                ++index;
            if (index == N) {
                if (!skip())
                    return false;
                continue;
            }
            if (seen & (1u << index))
                return fail(QStringLiteral("key '%1' appears twice").arg(key));
            seen |= 1u << index;
            if (!field(index))
                return false;
        }
        for (std::size_t i = 0; i < N; ++i) {
            if (fields[i].required && !(seen & (1u << i)))
                return fail(QStringLiteral("key '%1' is missing").arg(QLatin1String(fields[i].key)));
        }
        return leave();
    }

private:
    bool advance() { return m_reader.next() || fail(QStringLiteral("malformed CBOR")); }

    qint64 remaining() const { return m_size - m_reader.currentOffset(); }

    bool enter(bool isMap)
    {
        if (++m_depth > m_limits.maxNesting)
            return fail(QStringLiteral("nested deeper than %1").arg(m_limits.maxNesting));
        if (m_reader.isLengthKnown()) {
            const quint64 n = m_reader.length();
            // Every item takes at least one byte: a header declaring more than the rest of the message holds
            // is a lie, refused before anything is reserved for it.
            const quint64 minBytes = isMap ? n * 2 : n;
            if (n > quint64(m_limits.maxItems) || minBytes > quint64(remaining()))
                return fail(QStringLiteral("a container declares %1 items, over the limit or the data").arg(n));
        }
        return m_reader.enterContainer() || fail(QStringLiteral("malformed container"));
    }

    bool leave()
    {
        --m_depth;
        // hasNext() answers false on a read error too: a truncated container must not pass for a short one.
        if (m_reader.lastError() != QCborError::NoError)
            return fail(QStringLiteral("malformed CBOR: %1").arg(m_reader.lastError().toString()));
        return m_reader.leaveContainer() || fail(QStringLiteral("malformed container end"));
    }

    template <typename T, typename Read> bool readChunks(T &out, Read &&read)
    {
        out.clear();
        qint64 total = 0;
        for (;;) {
            const qint64 chunk = qMax<qint64>(0, m_reader.currentStringChunkSize());
            if (chunk > remaining() || total + chunk > m_limits.maxStringBytes)
                return fail(QStringLiteral("a string declares %1 bytes, over the limit or the data").arg(chunk));
            auto result = read();
            if (result.status == QCborStreamReader::Error)
                return fail(QStringLiteral("malformed string: %1").arg(m_reader.lastError().toString()));
            if (result.status == QCborStreamReader::EndOfString)
                return true;
            total += chunk;
            out += result.data;
        }
    }

    /** Skips one value of any type, within the same limits as everything else. */
    bool skip()
    {
        switch (m_reader.type()) {
        case QCborStreamReader::Array:
        case QCborStreamReader::Map: {
            const bool isMap = m_reader.isMap();
            if (!enter(isMap))
                return false;
            qsizetype count = 0;
            while (m_reader.hasNext()) {
                if (++count > m_limits.maxItems * (isMap ? 2 : 1))
                    return fail(QStringLiteral("more than %1 items").arg(m_limits.maxItems));
                if (!skip())
                    return false;
            }
            return leave();
        }
        case QCborStreamReader::String: {
            QString s;
            return readText(s);
        }
        case QCborStreamReader::ByteArray: {
            QByteArray b;
            return readBytes(b);
        }
        case QCborStreamReader::Tag: {
            if (m_depth + 1 > m_limits.maxNesting)
                return fail(QStringLiteral("nested deeper than %1").arg(m_limits.maxNesting));
            if (!advance())
                return false;
            ++m_depth;
            const bool ok = skip();
            --m_depth;
            return ok;
        }
        case QCborStreamReader::Invalid:
            return fail(QStringLiteral("malformed CBOR"));
        default:
            return advance();
        }
    }

    QCborStreamReader m_reader;
    qint64 m_size;
    Limits m_limits;
    int m_depth = 0;
    std::optional<storage::Error> m_error;
};

} // namespace fieldline::sync::protocol
