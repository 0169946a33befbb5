// libFuzzer target for the key file parser (storage/KeyFile).
//
// Each input is parsed twice: as it is, and with its last 32 bytes replaced by the BLAKE2b checksum of the
// rest. The first covers the envelope checks; the second gets random bytes past the checksum gate, where the
// structural parser (counts, sizes, slot types, KDF bounds) does its work. Whatever the bytes, KeyFile::parse must
// answer with an error value or a KeyFile, never crash, hang or read out of bounds. The format has exactly one encoding
// per key file, so whatever parses must serialize back to the very same bytes; a slot edit on it must serialize to
// something that parses again. Unwrapping with a fixed keychain secret runs the AEAD on the parsed fields (the seed
// corpus uses that secret, so the success path is reached too). Passphrase unlocking is left out on purpose: the parser
// already bounds its Argon2id cost to 16 passes and 1 GiB, which is still far too slow and large for a fuzzing loop.
#include "storage/KeyFile.h"

#include <sodium.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace fieldline::storage;

namespace {

const SecretBytes &fixedSecret()
{
    static const SecretBytes secret = SecretBytes::copyOf(QByteArray(KeyFile::KeychainSecretSize, '\x5c'));
    return secret;
}

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_keyfile: %s\n", what);
    std::abort();
}

QByteArray withChecksum(QByteArray bytes)
{
    if (bytes.size() < 32)
        return bytes;
    const qsizetype body = bytes.size() - 32;
    crypto_generichash(reinterpret_cast<unsigned char *>(bytes.data() + body), 32,
                       reinterpret_cast<const unsigned char *>(bytes.constData()), quint64(body), nullptr, 0);
    return bytes;
}

void check(const QByteArray &input)
{
    Result<KeyFile> parsed = KeyFile::parse(input);
    if (!parsed) {
        if (parsed.error().message.isEmpty())
            fail("refused without saying why");
        return;
    }
    if (parsed->serialize() != input)
        fail("parse/serialize round trip changed the bytes");
    if (!parsed->passphraseKdf().isAcceptable())
        fail("accepted KDF costs outside the bounds");

    Result<DatabaseKey> unlocked = parsed->unlockWithSecret(fixedSecret());
    if (unlocked && (!unlocked->isValid() || unlocked->fileId != parsed->fileId()))
        fail("unlocked to an invalid key");

    parsed->removeKeychainSlot();
    Result<KeyFile> reparsed = KeyFile::parse(parsed->serialize());
    if (!reparsed)
        fail("a valid file minus its keychain slot no longer parses");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    check(input);
    check(withChecksum(input));
    return 0;
}
