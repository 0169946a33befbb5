// libFuzzer target for the sync protocol's CBOR decoder.
//
// Every input is decoded as each message type. Whatever the bytes, a decoder must answer with an error value
// or a message, never crash, hang, throw or allocate beyond its limits. When one decodes, its encoding must
// decode again to a message with the same encoding: encoding writes every field with its type, so equal
// encodings mean equal messages (and doubles are compared bit for bit, NaN payloads included).
#include "sync/protocol/ProtocolCodec.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace fieldline::sync::protocol;

namespace {

template <typename M> void roundTrip(QByteArrayView input, const Limits &limits)
{
    auto first = decode<M>(input, limits);
    if (!first)
        return;
    const QByteArray encoded = encode(*first);
    auto second = decode<M>(encoded, limits);
    if (!second) {
        std::fprintf(stderr, "re-encoded message does not decode: %s\n", qPrintable(second.message()));
        std::abort();
    }
    if (encode(*second) != encoded) {
        std::fprintf(stderr, "message changed on a second trip\n");
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Small limits so that the limit paths are reached by inputs of fuzzer size.
    const Limits limits{.maxMessageBytes = 1 << 20, .maxItems = 64, .maxStringBytes = 4096, .maxNesting = 8};
    roundTrip<LoginRequest>(input, limits);
    roundTrip<LoginResponse>(input, limits);
    roundTrip<PushRequest>(input, limits);
    roundTrip<PushResponse>(input, limits);
    roundTrip<PullRequest>(input, limits);
    roundTrip<PullResponse>(input, limits);
    roundTrip<SnapshotRequest>(input, limits);
    roundTrip<SnapshotResponse>(input, limits);
    roundTrip<Ack>(input, limits);
    roundTrip<ErrorMessage>(input, limits);
    roundTrip<LiveNotify>(input, limits);
    return 0;
}
