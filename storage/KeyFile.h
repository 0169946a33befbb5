#pragma once

#include "storage/DatabaseKey.h"
#include "storage/Error.h"
#include "storage/KdfParams.h"
#include "storage/SecretBytes.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace fieldline::storage {

/**
 * The key file beside a database: the random DEK, wrapped once per way of unlocking it ("slots").
 *
 * Format, version 1. All integers little-endian; the whole file is at most MaxSize bytes.
 *
 *     offset size  header (32 bytes)
 *          0    4  magic "FLKF"
 *          4    2  format version (1)
 *          6    2  flags, must be 0
 *          8   16  file id (DatabaseKey::fileId)
 *         24    4  key epoch (DatabaseKey::epoch, >= 1)
 *         28    1  slot count, 1..MaxSlots
 *         29    3  reserved, must be 0
 *     then per slot
 *          0    1  slot type: 1 passphrase, 2 keychain
 *          1    1  reserved, must be 0
 *          2    2  body size, must be exactly the type's size (104 or 72)
 *          4       body
 *                  passphrase: opsLimit u64, memLimit u64, salt[16], nonce[24], wrapped DEK[48]
 *                  keychain:   nonce[24], wrapped DEK[48]
 *     then
 *          32 bytes BLAKE2b-256 (crypto_generichash, unkeyed) of every byte before it
 *
 * The wrapped DEK is crypto_aead_xchacha20poly1305_ietf (ciphertext + 16-byte tag) under the slot's key:
 * Argon2id13 (crypto_pwhash) of the UTF-8 passphrase with the stored costs and salt, or a random 32-byte
 * secret kept in the OS keychain. Its associated data is header bytes 0..27 (magic, version, flags, file id,
 * epoch) followed by the slot's bytes up to its nonce (type, reserved, size, and the KDF costs and salt), so
 * a slot moved to another database, replayed from an older epoch, or given cheaper costs fails to unwrap. The
 * slot count is left out on purpose: a slot can then be added or removed without rewrapping the others.
 *
 * The checksum is what tells accidental damage (Damaged) from a wrong passphrase (WrongKey). Every future
 * version keeps magic, version and trailing checksum where they are, so a newer file with a valid checksum is
 * reported as Unsupported rather than Damaged. The parser checks the size before reading anything, bounds-
 * checks every length and count, and refuses KDF costs outside KdfParams::isAcceptable(), unknown slot types,
 * duplicate slots, non-zero reserved bytes and files without exactly one passphrase slot.
 *
 * A KeyFile remembers the slot keys it learns (by create(), a successful unlock, setPassphrase(),
 * addKeychainSlot()) in guarded memory until forgetSlotKeys(), so that rewrap() can rotate the DEK without
 * asking for the passphrase again. Move-only, like the keys it holds.
 */
class KeyFile
{
public:
    static constexpr qsizetype MaxSize = 4096;
    static constexpr int MaxSlots = 8;
    static constexpr quint16 FormatVersion = 1;
    static constexpr int KeychainSecretSize = 32;

    static Result<KeyFile> create(const DatabaseKey &key, const SecretBytes &passphrase, const KdfParams &kdf);
    /** Damaged for anything malformed; Unsupported for a well-formed file from a newer Fieldline. */
    static Result<KeyFile> parse(QByteArrayView bytes);
    /** NotFound when there is no file; the size limit is checked before the file is read. */
    static Result<KeyFile> load(const QString &path);

    KeyFile(KeyFile &&) noexcept = default;
    KeyFile &operator=(KeyFile &&) noexcept = default;
    KeyFile(const KeyFile &) = delete;
    KeyFile &operator=(const KeyFile &) = delete;
    ~KeyFile();
    /** A copy including the remembered slot keys: edit the copy, write it, then adopt it only on success. */
    KeyFile clone() const;

    QByteArray serialize() const;
    /** See AtomicFile::write: a failure leaves the previous file untouched. */
    Status writeAtomically(const QString &path) const;

    QByteArray fileId() const { return m_fileId; }
    quint32 epoch() const { return m_epoch; }
    KdfParams passphraseKdf() const;
    bool hasKeychainSlot() const;

    /** WrongKey when the passphrase does not unwrap the DEK. Costs one Argon2id derivation. */
    Result<DatabaseKey> unlockWithPassphrase(const SecretBytes &passphrase);
    /** NotFound without a keychain slot; WrongKey when the secret does not unwrap the DEK. */
    Result<DatabaseKey> unlockWithSecret(const SecretBytes &secret);

    /** Replaces the passphrase slot (fresh salt). key must be the DEK this file wraps (checked). */
    Status setPassphrase(const DatabaseKey &key, const SecretBytes &passphrase, const KdfParams &kdf);
    /** Adds or replaces the keychain slot; secret is KeychainSecretSize random bytes. */
    Status addKeychainSlot(const DatabaseKey &key, const SecretBytes &secret);
    void removeKeychainSlot();
    /**
     * Wraps next (same file id, higher epoch) in every slot whose key is remembered. A keychain slot whose
     * secret is not remembered is dropped (hasKeychainSlot() tells); without the passphrase key this fails
     * (Invalid) and changes nothing, since dropping the passphrase slot would lock the user out.
     */
    Status rewrap(const DatabaseKey &next);
    /** Wipes every remembered slot key (on lock). */
    void forgetSlotKeys();

private:
    enum class SlotType : quint8 { Passphrase = 1, Keychain = 2 };
    struct Slot
    {
        SlotType type = SlotType::Passphrase;
        KdfParams kdf;   ///< passphrase slots only
        QByteArray salt; ///< passphrase slots only
        QByteArray nonce;
        QByteArray wrapped;
    };

    KeyFile() = default;
    QByteArray authenticatedHeader() const;
    QByteArray associatedData(const Slot &slot) const;
    QByteArray slotPrefix(const Slot &slot) const;
    const Slot *findSlot(SlotType type) const;
    Slot *findSlot(SlotType type);
    Status wrap(Slot &slot, const SecretBytes &slotKey, const SecretBytes &dek) const;
    Result<SecretBytes> unwrap(const Slot &slot, const SecretBytes &slotKey) const;
    Status checkSameKey(const DatabaseKey &key) const;
    static Result<KeyFile> parseBody(QByteArrayView bytes);

    QByteArray m_fileId;
    quint32 m_epoch = 0;
    std::vector<Slot> m_slots;
    SecretBytes m_passphraseKey; ///< the Argon2id output, once known
    SecretBytes m_keychainSecret;
};

} // namespace fieldline::storage
