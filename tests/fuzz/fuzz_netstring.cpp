// libFuzzer target for the netstring reader of baresip's control socket (app/telephony).
//
// Bytes arrive in two reads split where the input's first byte says. Every message handed back must be within the
// limit, the messages re-framed must be exactly the start of the input (nothing invented, nothing skipped), and a
// reader that failed stays failed.
#include "app/telephony/Netstring.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using fieldline::telephony::netstring;
using fieldline::telephony::NetstringReader;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "%s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    constexpr qsizetype Limit = 1024;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype split = std::min<qsizetype>(data[0], input.size());
    NetstringReader reader(Limit);
    QByteArray reframed;
    reader.append(input.left(split));
    for (int round = 0; round < 2; ++round) {
        while (std::optional<QByteArray> message = reader.next()) {
            if (message->size() > Limit)
                fail("a message over the limit");
            reframed += netstring(*message);
        }
        if (round == 0)
            reader.append(input.mid(split));
    }
    if (!input.startsWith(reframed))
        fail("the messages are not the start of the input");
    if (reader.failed()) {
        reader.append(netstring("x"));
        if (reader.next())
            fail("a failed reader read again");
    }
    return 0;
}
