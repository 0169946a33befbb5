#pragma once

#include "sync/ByteId.h"
#include "sync/Change.h"

#include <QByteArray>
#include <QString>

#include <vector>

/**
 * The sync protocol's messages, as plain values. docs/protocol.md gives their CBOR form; ProtocolCodec.h
 * encodes and decodes them. Nothing here knows about transport.
 */
namespace fieldline::sync::protocol {

/** The major version every message carries. A decoder refuses any other major version. */
constexpr qint64 Version = 1;

/** What a message is; written into every message so one sent to the wrong endpoint is refused. */
enum class MessageType {
    LoginRequest,
    LoginResponse,
    PushRequest,
    PushResponse,
    PullRequest,
    PullResponse,
    SnapshotRequest,
    SnapshotResponse,
    Ack,
    Error,
    LiveNotify,
};

struct LoginRequest
{
    QString tenant;
    QString user;
    QString password;
    QString deviceName;
};

struct LoginResponse
{
    QString token;
    QString role;            ///< agent, field, manager or admin
    qint64 serverTimeMs = 0; ///< the server's clock (unix ms), so the client can tell its own skew
};

/** A batch of local changes. (site, batchSeq) is the idempotency key: a replayed batch changes nothing. */
struct PushRequest
{
    SiteId site;
    qint64 batchSeq = 0;
    qint64 schemaVersion = 0;
    ChangeBatch changes;
};

/** The fate of one pushed change, in the order of the request. */
struct PushItemResult
{
    ApplyOutcome outcome = ApplyOutcome::Unchanged;
    QString reason; ///< plain words; set when rejected
    /// Rejected for now, not for good (the device's clock is ahead): send it again after this many ms. 0: final.
    qint64 retryMs = 0;
    Refusal refusal; ///< set when rejected by a server that knows the kind: the device words it itself
};

struct PushResponse
{
    std::vector<PushItemResult> results;
    qint64 cursor = 0; ///< the tenant's sequence number after this batch
};

/** Changes after a server-assigned per-tenant sequence number (0: from the beginning). */
struct PullRequest
{
    qint64 cursor = 0;
    qint64 limit = 0;
    /// Set while pulling on from a pull that started at cursor 0: that pull's `head`. The device then holds only
    /// rows this chain sent, so only rows changed after head can need an eviction. 0: the device may hold anything.
    qint64 freshHead = 0;
    /// The cursor came from a page whose answer said `recorded`: the server may then check it against the cursors it
    /// recorded sending this device (docs/protocol.md, "A restored server"). False from builds that do not know it.
    bool recorded = false;
    /// The device's site and its push batches the server answered since a pull last confirmed them, firstBatch to
    /// answeredBatch (0: no claim; older builds): a store missing any of them went back in time (docs/protocol.md, "A
    /// restored server").
    ByteId site;
    qint64 firstBatch = 0;
    qint64 answeredBatch = 0;
};

/** A row named without its content. */
struct RowRef
{
    QString table;
    RowId row;

    bool operator==(const RowRef &) const = default;
};

struct PullResponse
{
    ChangeBatch changes;
    qint64 nextCursor = 0;
    bool more = false; ///< pull again from nextCursor
    /// Rows changed after the cursor that are not, or no longer, in the user's scopes: the device drops its copy.
    std::vector<RowRef> evicted;
    qint64 head = 0; ///< on a pull from 0: the tenant's newest sequence number before the page was read
    /// The server recorded having sent this device a cursor at least nextCursor, before answering.
    bool recorded = false;
};

/** One page of a tenant snapshot; an empty page token asks for the first page. */
struct SnapshotRequest
{
    QByteArray pageToken;
    qint64 limit = 0;
};

/**
 * A page of rows as changes: each row's row change (its causal length) followed by its cells. After the last
 * page the device pulls from cursor.
 */
struct SnapshotResponse
{
    ChangeBatch changes;
    QByteArray nextPageToken;
    qint64 cursor = 0; ///< the tenant sequence number the snapshot is consistent with
    bool more = false;
};

/** The device has applied everything up to cursor (lets the server collect tombstones). */
struct Ack
{
    qint64 cursor = 0;
};

/** Error codes on the wire. A code this build does not know decodes as Unknown. */
enum class ErrorCode {
    Unknown,
    Invalid,      ///< malformed or over a limit
    Unauthorized, ///< log in again
    Forbidden,    ///< not allowed for this user or tenant
    NotFound,
    Conflict,
    TooLarge,
    RateLimited,        ///< retryAfterMs says when to try again
    ClockSkew,          ///< the device clock is too far off; message names the difference
    UnsupportedVersion, ///< the peer speaks another major protocol version
    Unavailable,
    Internal,
    ResyncRequired, ///< the device was away past the tombstone horizon: pull everything again from cursor 0
    ServerRestored, ///< the server holds fewer changes than the device has seen: send every own write again, resync
};

struct ErrorMessage
{
    ErrorCode code = ErrorCode::Unknown;
    QString message;         ///< plain words, fit to show to a user
    qint64 retryAfterMs = 0; ///< 0: not given
};

/** Sent on the live channel: the tenant's cursor moved; pull. */
struct LiveNotify
{
    qint64 cursor = 0;
};

} // namespace fieldline::sync::protocol
