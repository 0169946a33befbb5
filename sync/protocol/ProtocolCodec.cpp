#include "sync/protocol/ProtocolCodec.h"

#include "sync/protocol/CborReader.h"

#include <QCborStreamWriter>
#include <QLatin1String>

#include <array>
#include <limits>

namespace fieldline::sync::protocol {

namespace {

using storage::Error;
using storage::Result;

QLatin1String typeName(MessageType type)
{
    switch (type) {
    case MessageType::LoginRequest:
        return QLatin1String("login-request");
    case MessageType::LoginResponse:
        return QLatin1String("login-response");
    case MessageType::PushRequest:
        return QLatin1String("push-request");
    case MessageType::PushResponse:
        return QLatin1String("push-response");
    case MessageType::PullRequest:
        return QLatin1String("pull-request");
    case MessageType::PullResponse:
        return QLatin1String("pull-response");
    case MessageType::SnapshotRequest:
        return QLatin1String("snapshot-request");
    case MessageType::SnapshotResponse:
        return QLatin1String("snapshot-response");
    case MessageType::Ack:
        return QLatin1String("ack");
    case MessageType::Error:
        return QLatin1String("error");
    case MessageType::LiveNotify:
        return QLatin1String("live-notify");
    }
    return QLatin1String("?");
}

constexpr std::array<std::pair<ApplyOutcome, const char *>, 3> outcomeNames{{
    {ApplyOutcome::Applied, "applied"},
    {ApplyOutcome::Unchanged, "unchanged"},
    {ApplyOutcome::Rejected, "rejected"},
}};

constexpr std::array<std::pair<ErrorCode, const char *>, 14> errorCodeNames{{
    {ErrorCode::Unknown, "unknown"},
    {ErrorCode::Invalid, "invalid"},
    {ErrorCode::Unauthorized, "unauthorized"},
    {ErrorCode::Forbidden, "forbidden"},
    {ErrorCode::NotFound, "not-found"},
    {ErrorCode::Conflict, "conflict"},
    {ErrorCode::TooLarge, "too-large"},
    {ErrorCode::RateLimited, "rate-limited"},
    {ErrorCode::ClockSkew, "clock-skew"},
    {ErrorCode::UnsupportedVersion, "unsupported-version"},
    {ErrorCode::Unavailable, "unavailable"},
    {ErrorCode::ResyncRequired, "resync-required"},
    {ErrorCode::ServerRestored, "server-restored"},
    {ErrorCode::Internal, "internal"},
}};

using RefusalKind = Refusal::Kind;
constexpr std::array<std::pair<RefusalKind, const char *>, 15> refusalNames{{
    {RefusalKind::Other, "other"},
    {RefusalKind::ClockAhead, "clock-ahead"},
    {RefusalKind::NotOwnWrite, "not-own-write"},
    {RefusalKind::OutOfScope, "out-of-scope"},
    {RefusalKind::ValueTooLarge, "value-too-large"},
    {RefusalKind::TooManyColumns, "too-many-columns"},
    {RefusalKind::RowTooLarge, "row-too-large"},
    {RefusalKind::RecordGone, "record-gone"},
    {RefusalKind::LayoutsByForms, "layouts-by-forms"},
    {RefusalKind::CatalogByManagers, "catalog-by-managers"},
    {RefusalKind::CampaignsByManagers, "campaigns-by-managers"},
    {RefusalKind::MembersByManagers, "members-by-managers"},
    {RefusalKind::DoNotCallByManagers, "do-not-call-by-managers"},
    {RefusalKind::OptOutByManagers, "opt-out-by-managers"},
    {RefusalKind::ClaimHeld, "claim-held"},
}};

template <typename E, std::size_t N> QLatin1String nameOf(const std::array<std::pair<E, const char *>, N> &names, E e)
{
    for (const auto &[value, name] : names) {
        if (value == e)
            return QLatin1String(name);
    }
    return QLatin1String(names.front().second);
}

/** The value named @p text, or nullopt when the name is not one of @p names. */
template <typename E, std::size_t N>
std::optional<E> named(const std::array<std::pair<E, const char *>, N> &names, const QString &text)
{
    for (const auto &[value, name] : names) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------

class Writer
{
public:
    Writer()
        : m_writer(&m_out)
    {}

    void startMessage(MessageType type, std::size_t fieldCount)
    {
        // The version comes first so that a decoder of another version can refuse before reading further.
        m_writer.startMap(quint64(fieldCount + 2));
        key("v");
        m_writer.append(Version);
        key("type");
        m_writer.append(typeName(type));
    }
    void endMap() { m_writer.endMap(); }
    QByteArray take() { return std::move(m_out); }

    void key(const char *name) { m_writer.append(QLatin1String(name)); }
    void field(const char *name, qint64 v)
    {
        key(name);
        m_writer.append(v);
    }
    void field(const char *name, bool v)
    {
        key(name);
        m_writer.append(v);
    }
    void field(const char *name, const QString &v)
    {
        key(name);
        m_writer.append(v);
    }
    void field(const char *name, QLatin1String v)
    {
        key(name);
        m_writer.append(v);
    }
    void field(const char *name, const QByteArray &v)
    {
        key(name);
        m_writer.append(v);
    }
    void field(const char *name, const ByteId &v) { field(name, v.toBytes()); }

    void value(const Value &v)
    {
        if (std::holds_alternative<std::monostate>(v))
            m_writer.appendNull();
        else if (const auto *i = std::get_if<qint64>(&v))
            m_writer.append(*i);
        else if (const auto *d = std::get_if<double>(&v))
            m_writer.append(*d); // always 64-bit: shorter forms would not round-trip every bit pattern
        else if (const auto *s = std::get_if<QString>(&v))
            m_writer.append(*s);
        else
            m_writer.append(std::get<QByteArray>(v));
    }

    void changes(const char *name, const ChangeBatch &batch)
    {
        key(name);
        m_writer.startArray(quint64(batch.size()));
        for (const Change &c : batch) {
            m_writer.startMap(9);
            field("t", c.table);
            field("r", c.row);
            field("c", c.column);
            key("v");
            value(c.value);
            field("cl", c.stamp.cl);
            field("h", c.stamp.hlc);
            field("s", c.stamp.site);
            field("q", c.seq);
            field("sv", c.schemaVersion);
            m_writer.endMap();
        }
        m_writer.endArray();
    }

    void rows(const char *name, const std::vector<RowRef> &rows)
    {
        key(name);
        m_writer.startArray(quint64(rows.size()));
        for (const RowRef &ref : rows) {
            m_writer.startMap(2);
            field("t", ref.table);
            field("r", ref.row);
            m_writer.endMap();
        }
        m_writer.endArray();
    }

    void results(const char *name, const std::vector<PushItemResult> &results)
    {
        key(name);
        m_writer.startArray(quint64(results.size()));
        for (const PushItemResult &r : results) {
            const bool kind = r.refusal.kind != Refusal::Kind::Other;
            m_writer.startMap(2 + (r.retryMs > 0 ? 1 : 0) + (kind ? 1 : 0) +
                              (kind && !r.refusal.arg.isEmpty() ? 1 : 0));
            field("o", nameOf(outcomeNames, r.outcome));
            field("why", r.reason);
            if (r.retryMs > 0)
                field("retry", r.retryMs);
            if (kind)
                field("k", nameOf(refusalNames, r.refusal.kind));
            if (kind && !r.refusal.arg.isEmpty())
                field("a", r.refusal.arg);
            m_writer.endMap();
        }
        m_writer.endArray();
    }

private:
    QByteArray m_out;
    QCborStreamWriter m_writer;
};

// ---------------------------------------------------------------------------------------------------------

bool readChanges(CborReader &r, ChangeBatch &out)
{
    static constexpr std::array<FieldSpec, 9> fields{{{"t", true},
                                                      {"r", true},
                                                      {"c", true},
                                                      {"v", true},
                                                      {"cl", true},
                                                      {"h", true},
                                                      {"s", true},
                                                      {"q", true},
                                                      {"sv", false}}};
    out.clear();
    out.reserve(r.declaredLength());
    return r.readArray([&] {
        Change &c = out.emplace_back();
        return r.readMap(fields, [&](std::size_t i) {
            switch (i) {
            case 0:
                return r.readText(c.table);
            case 1:
                return r.readId(c.row);
            case 2:
                return r.readText(c.column);
            case 3:
                return r.readValue(c.value);
            case 4:
                return r.readInt(c.stamp.cl);
            case 5:
                return r.readInt(c.stamp.hlc);
            case 6:
                return r.readId(c.stamp.site);
            case 7:
                return r.readInt(c.seq);
            default:
                return r.readCount(c.schemaVersion);
            }
        });
    });
}

bool readRows(CborReader &r, std::vector<RowRef> &out)
{
    static constexpr std::array<FieldSpec, 2> fields{{{"t", true}, {"r", true}}};
    out.clear();
    out.reserve(r.declaredLength());
    return r.readArray([&] {
        RowRef &ref = out.emplace_back();
        return r.readMap(fields, [&](std::size_t i) { return i == 0 ? r.readText(ref.table) : r.readId(ref.row); });
    });
}

bool readResults(CborReader &r, std::vector<PushItemResult> &out)
{
    static constexpr std::array<FieldSpec, 5> fields{
        {{"o", true}, {"why", false}, {"retry", false}, {"k", false}, {"a", false}}};
    out.clear();
    out.reserve(r.declaredLength());
    return r.readArray([&] {
        PushItemResult &item = out.emplace_back();
        return r.readMap(fields, [&](std::size_t i) {
            if (i == 1)
                return r.readText(item.reason);
            if (i == 3) {
                // A kind this build does not know stays Other: the server's words are shown instead.
                QString name;
                if (!r.readText(name))
                    return false;
                item.refusal.kind = named(refusalNames, name).value_or(Refusal::Kind::Other);
                return true;
            }
            if (i == 4)
                return r.readText(item.refusal.arg);
            if (i == 2)
                // Ten years at most: a wait the client adds to must not overflow, and no clock is that far ahead.
                return r.readInt(item.retryMs) && (item.retryMs >= 0 || r.fail(QStringLiteral("negative retry"))) &&
                       (item.retryMs <= 10 * 366 * 24 * 3600 * qint64(1000) ||
                        r.fail(QStringLiteral("retry too long")));
            QString name;
            if (!r.readText(name))
                return false;
            const std::optional<ApplyOutcome> outcome = named(outcomeNames, name);
            if (!outcome)
                return r.fail(QStringLiteral("unknown outcome '%1'").arg(name));
            item.outcome = *outcome;
            return true;
        });
    });
}

bool readErrorCode(CborReader &r, ErrorCode &out)
{
    QString name;
    if (!r.readText(name))
        return false;
    // A code from a newer peer is still an error, just not one we can name.
    out = named(errorCodeNames, name).value_or(ErrorCode::Unknown);
    return true;
}

// ---------------------------------------------------------------------------------------------------------
// One Codec per message: its type, its keys (after "v" and "type"), how to read key i, how to write it all.

template <typename M> struct Codec;

template <> struct Codec<LoginRequest>
{
    static constexpr MessageType type = MessageType::LoginRequest;
    static constexpr std::array<FieldSpec, 4> fields{
        {{"tenant", true}, {"user", true}, {"password", true}, {"device", true}}};
    static bool read(CborReader &r, std::size_t i, LoginRequest &m)
    {
        switch (i) {
        case 0:
            return r.readText(m.tenant);
        case 1:
            return r.readText(m.user);
        case 2:
            return r.readText(m.password);
        default:
            return r.readText(m.deviceName);
        }
    }
    static void write(Writer &w, const LoginRequest &m)
    {
        w.field("tenant", m.tenant);
        w.field("user", m.user);
        w.field("password", m.password);
        w.field("device", m.deviceName);
    }
};

template <> struct Codec<LoginResponse>
{
    static constexpr MessageType type = MessageType::LoginResponse;
    static constexpr std::array<FieldSpec, 3> fields{{{"token", true}, {"role", true}, {"time", true}}};
    static bool read(CborReader &r, std::size_t i, LoginResponse &m)
    {
        switch (i) {
        case 0:
            return r.readText(m.token);
        case 1:
            return r.readText(m.role);
        default:
            return r.readInt(m.serverTimeMs);
        }
    }
    static void write(Writer &w, const LoginResponse &m)
    {
        w.field("token", m.token);
        w.field("role", m.role);
        w.field("time", m.serverTimeMs);
    }
};

template <> struct Codec<PushRequest>
{
    static constexpr MessageType type = MessageType::PushRequest;
    static constexpr std::array<FieldSpec, 4> fields{
        {{"site", true}, {"seq", true}, {"schema", true}, {"changes", true}}};
    static bool read(CborReader &r, std::size_t i, PushRequest &m)
    {
        switch (i) {
        case 0:
            return r.readId(m.site);
        case 1:
            return r.readCount(m.batchSeq);
        case 2:
            return r.readCount(m.schemaVersion);
        default:
            return readChanges(r, m.changes);
        }
    }
    static void write(Writer &w, const PushRequest &m)
    {
        w.field("site", m.site);
        w.field("seq", m.batchSeq);
        w.field("schema", m.schemaVersion);
        w.changes("changes", m.changes);
    }
};

template <> struct Codec<PushResponse>
{
    static constexpr MessageType type = MessageType::PushResponse;
    static constexpr std::array<FieldSpec, 2> fields{{{"results", true}, {"cursor", true}}};
    static bool read(CborReader &r, std::size_t i, PushResponse &m)
    {
        return i == 0 ? readResults(r, m.results) : r.readCount(m.cursor);
    }
    static void write(Writer &w, const PushResponse &m)
    {
        w.results("results", m.results);
        w.field("cursor", m.cursor);
    }
};

template <> struct Codec<PullRequest>
{
    static constexpr MessageType type = MessageType::PullRequest;
    static constexpr std::array<FieldSpec, 7> fields{{{"cursor", true},
                                                      {"limit", true},
                                                      {"fresh", false},
                                                      {"rec", false},
                                                      {"site", false},
                                                      {"from", false},
                                                      {"batch", false}}};
    static bool read(CborReader &r, std::size_t i, PullRequest &m)
    {
        switch (i) {
        case 0:
            return r.readCount(m.cursor);
        case 1:
            return r.readCount(m.limit);
        case 2:
            return r.readCount(m.freshHead);
        case 3:
            return r.readBool(m.recorded);
        case 4:
            return r.readId(m.site);
        case 5:
            return r.readCount(m.firstBatch);
        default:
            return r.readCount(m.answeredBatch);
        }
    }
    static void write(Writer &w, const PullRequest &m)
    {
        w.field("cursor", m.cursor);
        w.field("limit", m.limit);
        w.field("fresh", m.freshHead);
        w.field("rec", m.recorded);
        w.field("site", m.site);
        w.field("from", m.firstBatch);
        w.field("batch", m.answeredBatch);
    }
};

template <> struct Codec<PullResponse>
{
    static constexpr MessageType type = MessageType::PullResponse;
    static constexpr std::array<FieldSpec, 6> fields{
        {{"changes", true}, {"next", true}, {"more", true}, {"evict", false}, {"head", false}, {"rec", false}}};
    static bool read(CborReader &r, std::size_t i, PullResponse &m)
    {
        switch (i) {
        case 0:
            return readChanges(r, m.changes);
        case 1:
            return r.readCount(m.nextCursor);
        case 2:
            return r.readBool(m.more);
        case 3:
            return readRows(r, m.evicted);
        case 4:
            return r.readCount(m.head);
        default:
            return r.readBool(m.recorded);
        }
    }
    static void write(Writer &w, const PullResponse &m)
    {
        w.changes("changes", m.changes);
        w.field("next", m.nextCursor);
        w.field("more", m.more);
        w.rows("evict", m.evicted);
        w.field("head", m.head);
        w.field("rec", m.recorded);
    }
};

template <> struct Codec<SnapshotRequest>
{
    static constexpr MessageType type = MessageType::SnapshotRequest;
    static constexpr std::array<FieldSpec, 2> fields{{{"page", true}, {"limit", true}}};
    static bool read(CborReader &r, std::size_t i, SnapshotRequest &m)
    {
        return i == 0 ? r.readBytes(m.pageToken) : r.readCount(m.limit);
    }
    static void write(Writer &w, const SnapshotRequest &m)
    {
        w.field("page", m.pageToken);
        w.field("limit", m.limit);
    }
};

template <> struct Codec<SnapshotResponse>
{
    static constexpr MessageType type = MessageType::SnapshotResponse;
    static constexpr std::array<FieldSpec, 4> fields{
        {{"changes", true}, {"next", true}, {"cursor", true}, {"more", true}}};
    static bool read(CborReader &r, std::size_t i, SnapshotResponse &m)
    {
        switch (i) {
        case 0:
            return readChanges(r, m.changes);
        case 1:
            return r.readBytes(m.nextPageToken);
        case 2:
            return r.readCount(m.cursor);
        default:
            return r.readBool(m.more);
        }
    }
    static void write(Writer &w, const SnapshotResponse &m)
    {
        w.changes("changes", m.changes);
        w.field("next", m.nextPageToken);
        w.field("cursor", m.cursor);
        w.field("more", m.more);
    }
};

template <> struct Codec<Ack>
{
    static constexpr MessageType type = MessageType::Ack;
    static constexpr std::array<FieldSpec, 1> fields{{{"cursor", true}}};
    static bool read(CborReader &r, std::size_t, Ack &m) { return r.readCount(m.cursor); }
    static void write(Writer &w, const Ack &m) { w.field("cursor", m.cursor); }
};

template <> struct Codec<ErrorMessage>
{
    static constexpr MessageType type = MessageType::Error;
    static constexpr std::array<FieldSpec, 3> fields{{{"code", true}, {"message", true}, {"retry", false}}};
    static bool read(CborReader &r, std::size_t i, ErrorMessage &m)
    {
        switch (i) {
        case 0:
            return readErrorCode(r, m.code);
        case 1:
            return r.readText(m.message);
        default:
            return r.readCount(m.retryAfterMs);
        }
    }
    static void write(Writer &w, const ErrorMessage &m)
    {
        w.field("code", nameOf(errorCodeNames, m.code));
        w.field("message", m.message);
        w.field("retry", m.retryAfterMs);
    }
};

template <> struct Codec<LiveNotify>
{
    static constexpr MessageType type = MessageType::LiveNotify;
    static constexpr std::array<FieldSpec, 1> fields{{{"cursor", true}}};
    static bool read(CborReader &r, std::size_t, LiveNotify &m) { return r.readCount(m.cursor); }
    static void write(Writer &w, const LiveNotify &m) { w.field("cursor", m.cursor); }
};

template <typename M> QByteArray encodeMessage(const M &message)
{
    Writer w;
    w.startMessage(Codec<M>::type, Codec<M>::fields.size());
    Codec<M>::write(w, message);
    w.endMap();
    return w.take();
}

/** The message's keys: "v" and "type" first, then the Codec's own. */
template <typename M> constexpr auto messageFields()
{
    std::array<FieldSpec, Codec<M>::fields.size() + 2> all{};
    all[0] = {"v", true};
    all[1] = {"type", true};
    for (std::size_t i = 0; i < Codec<M>::fields.size(); ++i)
        all[i + 2] = Codec<M>::fields[i];
    return all;
}

} // namespace

template <typename M> Result<M> decode(QByteArrayView bytes, const Limits &limits)
{
    if (bytes.size() > limits.maxMessageBytes) {
        return Error{storage::ErrorCode::Invalid,
                     QStringLiteral("protocol: a message of %1 bytes is over the %2-byte limit")
                         .arg(bytes.size())
                         .arg(limits.maxMessageBytes)};
    }
    static constexpr auto fields = messageFields<M>();
    CborReader r(bytes, limits);
    M message;
    bool versionSeen = false;
    const bool ok = r.readMap(fields, [&](std::size_t i) {
        if (i == 0) {
            qint64 version = 0;
            if (!r.readInt(version))
                return false;
            versionSeen = true;
            return version == Version || r.unsupported(version);
        }
        if (!versionSeen) // the version decides what every other key means
            return r.fail(QStringLiteral("the version must come before other known keys"));
        if (i == 1) {
            QString type;
            if (!r.readText(type))
                return false;
            return type == typeName(Codec<M>::type) ||
                   r.fail(QStringLiteral("expected a %1 message, got '%2'").arg(typeName(Codec<M>::type), type));
        }
        return Codec<M>::read(r, i - 2, message);
    });
    if (ok && !r.atEnd())
        r.fail(QStringLiteral("trailing bytes after the message"));
    if (r.failed())
        return r.error();
    return message;
}

template Result<LoginRequest> decode<LoginRequest>(QByteArrayView, const Limits &);
template Result<LoginResponse> decode<LoginResponse>(QByteArrayView, const Limits &);
template Result<PushRequest> decode<PushRequest>(QByteArrayView, const Limits &);
template Result<PushResponse> decode<PushResponse>(QByteArrayView, const Limits &);
template Result<PullRequest> decode<PullRequest>(QByteArrayView, const Limits &);
template Result<PullResponse> decode<PullResponse>(QByteArrayView, const Limits &);
template Result<SnapshotRequest> decode<SnapshotRequest>(QByteArrayView, const Limits &);
template Result<SnapshotResponse> decode<SnapshotResponse>(QByteArrayView, const Limits &);
template Result<Ack> decode<Ack>(QByteArrayView, const Limits &);
template Result<ErrorMessage> decode<ErrorMessage>(QByteArrayView, const Limits &);
template Result<LiveNotify> decode<LiveNotify>(QByteArrayView, const Limits &);

QByteArray encode(const LoginRequest &message)
{
    return encodeMessage(message);
}
QByteArray encode(const LoginResponse &message)
{
    return encodeMessage(message);
}
QByteArray encode(const PushRequest &message)
{
    return encodeMessage(message);
}
QByteArray encode(const PushResponse &message)
{
    return encodeMessage(message);
}
QByteArray encode(const PullRequest &message)
{
    return encodeMessage(message);
}
QByteArray encode(const PullResponse &message)
{
    return encodeMessage(message);
}
QByteArray encode(const SnapshotRequest &message)
{
    return encodeMessage(message);
}
QByteArray encode(const SnapshotResponse &message)
{
    return encodeMessage(message);
}
QByteArray encode(const Ack &message)
{
    return encodeMessage(message);
}
QByteArray encode(const ErrorMessage &message)
{
    return encodeMessage(message);
}
QByteArray encode(const LiveNotify &message)
{
    return encodeMessage(message);
}

} // namespace fieldline::sync::protocol
