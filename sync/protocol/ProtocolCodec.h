#pragma once

#include "storage/Error.h"
#include "sync/protocol/ProtocolMessages.h"

#include <QByteArray>
#include <QByteArrayView>

namespace fieldline::sync::protocol {

/**
 * What a decoder accepts. Every limit is checked before anything is allocated for it, so a message that
 * declares a billion items or a 4 GiB string costs nothing but its own bytes.
 */
struct Limits
{
    /// The largest value the server stores in a cell (a published form layout) and sends in a pull page.
    static constexpr qsizetype MaxCellBytes = 4 * 1024 * 1024;
    /// The server stops adding rows to a pull page past this many bytes of cells (one row always goes).
    static constexpr qsizetype PullPageBytes = 8 * 1024 * 1024;

    qsizetype maxMessageBytes = 32 * 1024 * 1024; ///< the caller should also refuse bigger bodies unread
    qsizetype maxItems = 10000;                   ///< elements of any one array (changes, results)
    qsizetype maxStringBytes = 1024 * 1024;       ///< any one text or byte string, in bytes
    int maxNesting = 16;                          ///< containers inside containers, unknown values included
};

QByteArray encode(const LoginRequest &message);
QByteArray encode(const LoginResponse &message);
QByteArray encode(const PushRequest &message);
QByteArray encode(const PushResponse &message);
QByteArray encode(const PullRequest &message);
QByteArray encode(const PullResponse &message);
QByteArray encode(const SnapshotRequest &message);
QByteArray encode(const SnapshotResponse &message);
QByteArray encode(const Ack &message);
QByteArray encode(const ErrorMessage &message);
QByteArray encode(const LiveNotify &message);

/**
 * Decodes one message of type M from exactly @p bytes. Malformed input, input over @p limits, a message of
 * another type and trailing bytes give Error{Invalid}; another major protocol version gives
 * Error{Unsupported}. Unknown map keys are skipped (forward compatibility). Never throws.
 */
template <typename M> storage::Result<M> decode(QByteArrayView bytes, const Limits &limits = {});

extern template storage::Result<LoginRequest> decode<LoginRequest>(QByteArrayView, const Limits &);
extern template storage::Result<LoginResponse> decode<LoginResponse>(QByteArrayView, const Limits &);
extern template storage::Result<PushRequest> decode<PushRequest>(QByteArrayView, const Limits &);
extern template storage::Result<PushResponse> decode<PushResponse>(QByteArrayView, const Limits &);
extern template storage::Result<PullRequest> decode<PullRequest>(QByteArrayView, const Limits &);
extern template storage::Result<PullResponse> decode<PullResponse>(QByteArrayView, const Limits &);
extern template storage::Result<SnapshotRequest> decode<SnapshotRequest>(QByteArrayView, const Limits &);
extern template storage::Result<SnapshotResponse> decode<SnapshotResponse>(QByteArrayView, const Limits &);
extern template storage::Result<Ack> decode<Ack>(QByteArrayView, const Limits &);
extern template storage::Result<ErrorMessage> decode<ErrorMessage>(QByteArrayView, const Limits &);
extern template storage::Result<LiveNotify> decode<LiveNotify>(QByteArrayView, const Limits &);

} // namespace fieldline::sync::protocol
