#include "storage/KeyFile.h"

#include "storage/AtomicFile.h"
#include "storage/Sodium.h"

#include <QFile>
#include <QtEndian>

#include <sodium.h>

#include <algorithm>

namespace fieldline::storage {

namespace {

constexpr char Magic[4] = {'F', 'L', 'K', 'F'};
constexpr qsizetype HeaderSize = 32;
constexpr qsizetype AuthenticatedHeaderSize = 28; // magic .. epoch: everything but the slot count
constexpr qsizetype SlotPrefixSize = 4;
constexpr qsizetype ChecksumSize = 32;
constexpr qsizetype SaltSize = crypto_pwhash_SALTBYTES;
constexpr qsizetype NonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype WrappedSize = DatabaseKey::KeySize + crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr qsizetype KdfFieldsSize = 8 + 8 + SaltSize;
constexpr qsizetype PassphraseBodySize = KdfFieldsSize + NonceSize + WrappedSize; // 104
constexpr qsizetype KeychainBodySize = NonceSize + WrappedSize;                   // 72
constexpr qsizetype MinSize = HeaderSize + SlotPrefixSize + KeychainBodySize + ChecksumSize;

static_assert(SaltSize == 16 && NonceSize == 24 && WrappedSize == 48);
static_assert(PassphraseBodySize == 104 && KeychainBodySize == 72, "KeyFile.h documents these sizes");

Error damaged(const QString &what)
{
    return Error{ErrorCode::Damaged, QStringLiteral("The key file is damaged: %1.").arg(what), 0};
}

QByteArray checksum(QByteArrayView bytes)
{
    QByteArray out(ChecksumSize, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), std::size_t(out.size()),
                       reinterpret_cast<const unsigned char *>(bytes.data()), quint64(bytes.size()), nullptr, 0);
    return out;
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    randombytes_buf(out.data(), std::size_t(size));
    return out;
}

template <typename T> void append(QByteArray &out, T value)
{
    char buffer[sizeof(T)];
    qToLittleEndian(value, buffer);
    out.append(buffer, sizeof(T));
}

/** Bounds-checked cursor: every read either fits in the remaining bytes or fails. */
class Reader
{
public:
    explicit Reader(QByteArrayView bytes)
        : m_bytes(bytes)
    {}
    bool take(qsizetype size, QByteArrayView &out)
    {
        if (size < 0 || size > m_bytes.size() - m_pos)
            return false;
        out = m_bytes.sliced(m_pos, size);
        m_pos += size;
        return true;
    }
    template <typename T> bool read(T &value)
    {
        QByteArrayView raw;
        if (!take(sizeof(T), raw))
            return false;
        value = qFromLittleEndian<T>(raw.data());
        return true;
    }
    qsizetype position() const { return m_pos; }

private:
    QByteArrayView m_bytes;
    qsizetype m_pos = 0;
};

Result<SecretBytes> derive(const SecretBytes &passphrase, const QByteArray &salt, const KdfParams &kdf)
{
    SecretBytes key(DatabaseKey::KeySize);
    // An empty SecretBytes has no buffer; crypto_pwhash wants a valid pointer even for zero bytes.
    const char *password = passphrase.isEmpty() ? "" : reinterpret_cast<const char *>(passphrase.data());
    if (crypto_pwhash(key.data(), key.size(), password, passphrase.size(),
                      reinterpret_cast<const unsigned char *>(salt.constData()), kdf.opsLimit,
                      std::size_t(kdf.memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{ErrorCode::Internal,
                     QStringLiteral("Not enough memory to derive the key from the passphrase (%1 MiB needed).")
                         .arg(kdf.memLimit >> 20),
                     0};
    return key;
}

} // namespace

KeyFile::~KeyFile() = default;

Result<KeyFile> KeyFile::create(const DatabaseKey &key, const SecretBytes &passphrase, const KdfParams &kdf)
{
    ensureSodium();
    if (!key.isValid())
        return Error{ErrorCode::Invalid, QStringLiteral("invalid database key"), 0};
    KeyFile file;
    file.m_fileId = key.fileId;
    file.m_epoch = key.epoch;
    if (Status s = file.setPassphrase(key, passphrase, kdf); !s)
        return s.error();
    return file;
}

KeyFile KeyFile::clone() const
{
    KeyFile copy;
    copy.m_fileId = m_fileId;
    copy.m_epoch = m_epoch;
    copy.m_slots = m_slots;
    copy.m_passphraseKey = m_passphraseKey.clone();
    copy.m_keychainSecret = m_keychainSecret.clone();
    return copy;
}

QByteArray KeyFile::slotPrefix(const Slot &slot) const
{
    QByteArray out;
    const bool passphrase = slot.type == SlotType::Passphrase;
    out.append(char(slot.type));
    out.append('\0');
    append<quint16>(out, passphrase ? PassphraseBodySize : KeychainBodySize);
    if (passphrase) {
        append<quint64>(out, slot.kdf.opsLimit);
        append<quint64>(out, slot.kdf.memLimit);
        out.append(slot.salt);
    }
    return out;
}

QByteArray KeyFile::authenticatedHeader() const
{
    QByteArray out(Magic, sizeof(Magic));
    append<quint16>(out, FormatVersion);
    append<quint16>(out, 0);
    out.append(m_fileId);
    append<quint32>(out, m_epoch);
    Q_ASSERT(out.size() == AuthenticatedHeaderSize);
    return out;
}

QByteArray KeyFile::associatedData(const Slot &slot) const
{
    return authenticatedHeader() + slotPrefix(slot);
}

QByteArray KeyFile::serialize() const
{
    QByteArray out = authenticatedHeader();
    out.append(char(m_slots.size()));
    out.append(3, '\0');
    for (const Slot &slot : m_slots)
        out += slotPrefix(slot) + slot.nonce + slot.wrapped;
    return out + checksum(out);
}

Status KeyFile::writeAtomically(const QString &path) const
{
    return AtomicFile::write(path, serialize());
}

Result<KeyFile> KeyFile::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error{ErrorCode::NotFound, QStringLiteral("There is no key file at %1.").arg(path), 0};
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Io, QStringLiteral("Could not read %1: %2").arg(path, file.errorString()), 0};
    if (file.size() > MaxSize)
        return damaged(QStringLiteral("it is %1 bytes long, a key file is at most %2").arg(file.size()).arg(MaxSize));
    return parse(file.read(MaxSize + 1)); // parse() refuses it again should it have grown since size()
}

Result<KeyFile> KeyFile::parse(QByteArrayView bytes)
{
    ensureSodium();
    if (bytes.size() > MaxSize)
        return damaged(QStringLiteral("it is %1 bytes long, a key file is at most %2").arg(bytes.size()).arg(MaxSize));
    if (bytes.size() < MinSize)
        return damaged(QStringLiteral("it is truncated (%1 bytes)").arg(bytes.size()));
    if (!bytes.startsWith(QByteArrayView(Magic, sizeof(Magic))))
        return damaged(QStringLiteral("it is not a Fieldline key file"));
    const QByteArrayView content = bytes.first(bytes.size() - ChecksumSize);
    if (checksum(content) != bytes.last(ChecksumSize))
        return damaged(QStringLiteral("its checksum does not match, so some of its bytes have changed"));
    const quint16 version = qFromLittleEndian<quint16>(bytes.data() + sizeof(Magic));
    if (version > FormatVersion)
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("The key file was written by a newer version of Fieldline (format %1); "
                                    "update Fieldline to open this profile.")
                         .arg(version),
                     0};
    if (version != FormatVersion)
        return damaged(QStringLiteral("unknown format version %1").arg(version));
    return parseBody(content);
}

Result<KeyFile> KeyFile::parseBody(QByteArrayView content)
{
    Reader in(content);
    QByteArrayView magic, fileId, reserved;
    quint16 version = 0, flags = 0;
    quint8 count = 0;
    KeyFile file;
    if (!in.take(sizeof(Magic), magic) || !in.read(version) || !in.read(flags) ||
        !in.take(DatabaseKey::FileIdSize, fileId) || !in.read(file.m_epoch) || !in.read(count) || !in.take(3, reserved))
        return damaged(QStringLiteral("its header is truncated"));
    if (flags != 0 || reserved != QByteArrayView("\0\0\0", 3))
        return damaged(QStringLiteral("reserved header bytes are set"));
    if (file.m_epoch == 0)
        return damaged(QStringLiteral("key epoch 0 is not valid"));
    if (count < 1 || count > MaxSlots)
        return damaged(QStringLiteral("it has %1 slots, expected 1 to %2").arg(count).arg(MaxSlots));
    file.m_fileId = fileId.toByteArray();

    for (int i = 0; i < count; ++i) {
        quint8 type = 0, zero = 0;
        quint16 size = 0;
        if (!in.read(type) || !in.read(zero) || !in.read(size))
            return damaged(QStringLiteral("slot %1 is truncated").arg(i + 1));
        if (type != quint8(SlotType::Passphrase) && type != quint8(SlotType::Keychain))
            return Error{ErrorCode::Unsupported,
                         QStringLiteral("The key file has a kind of slot (%1) that this version of Fieldline does "
                                        "not know; update Fieldline to open this profile.")
                             .arg(type),
                         0};
        Slot slot;
        slot.type = SlotType(type);
        const qsizetype expected = slot.type == SlotType::Passphrase ? PassphraseBodySize : KeychainBodySize;
        if (zero != 0 || size != expected)
            return damaged(QStringLiteral("slot %1 has a malformed header").arg(i + 1));
        if (file.findSlot(slot.type))
            return damaged(QStringLiteral("slot %1 repeats a slot type").arg(i + 1));
        QByteArrayView salt, nonce, wrapped;
        if (slot.type == SlotType::Passphrase) {
            if (!in.read(slot.kdf.opsLimit) || !in.read(slot.kdf.memLimit) || !in.take(SaltSize, salt))
                return damaged(QStringLiteral("slot %1 is truncated").arg(i + 1));
            if (!slot.kdf.isAcceptable())
                return damaged(QStringLiteral("its key-derivation costs (%1 passes, %2 KiB) are outside the range "
                                              "Fieldline accepts (too weak or too expensive), so it was probably "
                                              "tampered with")
                                   .arg(slot.kdf.opsLimit)
                                   .arg(slot.kdf.memLimit >> 10));
            slot.salt = salt.toByteArray();
        }
        if (!in.take(NonceSize, nonce) || !in.take(WrappedSize, wrapped))
            return damaged(QStringLiteral("slot %1 is truncated").arg(i + 1));
        slot.nonce = nonce.toByteArray();
        slot.wrapped = wrapped.toByteArray();
        file.m_slots.push_back(std::move(slot));
    }
    if (in.position() != content.size())
        return damaged(QStringLiteral("%1 unexpected bytes follow the slots").arg(content.size() - in.position()));
    if (!file.findSlot(SlotType::Passphrase))
        return damaged(QStringLiteral("it has no passphrase slot"));
    return file;
}

const KeyFile::Slot *KeyFile::findSlot(SlotType type) const
{
    auto it = std::find_if(m_slots.begin(), m_slots.end(), [type](const Slot &s) { return s.type == type; });
    return it == m_slots.end() ? nullptr : &*it;
}

KeyFile::Slot *KeyFile::findSlot(SlotType type)
{
    return const_cast<Slot *>(std::as_const(*this).findSlot(type));
}

KdfParams KeyFile::passphraseKdf() const
{
    const Slot *slot = findSlot(SlotType::Passphrase);
    return slot ? slot->kdf : KdfParams{};
}

bool KeyFile::hasKeychainSlot() const
{
    return findSlot(SlotType::Keychain) != nullptr;
}

Status KeyFile::wrap(Slot &slot, const SecretBytes &slotKey, const SecretBytes &dek) const
{
    slot.nonce = randomBytes(NonceSize);
    slot.wrapped = QByteArray(WrappedSize, Qt::Uninitialized);
    const QByteArray ad = associatedData(slot);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char *>(slot.wrapped.data()), &written, dek.data(), dek.size(),
        reinterpret_cast<const unsigned char *>(ad.constData()), quint64(ad.size()), nullptr,
        reinterpret_cast<const unsigned char *>(slot.nonce.constData()), slotKey.data());
    if (written != quint64(WrappedSize))
        return Error{ErrorCode::Internal, QStringLiteral("unexpected wrapped key size"), 0};
    return {};
}

Result<SecretBytes> KeyFile::unwrap(const Slot &slot, const SecretBytes &slotKey) const
{
    SecretBytes dek(DatabaseKey::KeySize);
    const QByteArray ad = associatedData(slot);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            dek.data(), &written, nullptr, reinterpret_cast<const unsigned char *>(slot.wrapped.constData()),
            quint64(slot.wrapped.size()), reinterpret_cast<const unsigned char *>(ad.constData()), quint64(ad.size()),
            reinterpret_cast<const unsigned char *>(slot.nonce.constData()), slotKey.data()) != 0 ||
        written != quint64(DatabaseKey::KeySize))
        return Error{ErrorCode::WrongKey, QString(), 0};
    return dek;
}

Result<DatabaseKey> KeyFile::unlockWithPassphrase(const SecretBytes &passphrase)
{
    const Slot *slot = findSlot(SlotType::Passphrase);
    if (!slot)
        return Error{ErrorCode::Invalid, QStringLiteral("the key file has no passphrase slot"), 0};
    Result<SecretBytes> key = derive(passphrase, slot->salt, slot->kdf);
    if (!key)
        return key.error();
    Result<SecretBytes> dek = unwrap(*slot, *key);
    if (!dek)
        return Error{ErrorCode::WrongKey, QStringLiteral("The passphrase is not correct."), 0};
    m_passphraseKey = std::move(*key);
    return DatabaseKey{std::move(*dek), m_fileId, m_epoch};
}

Result<DatabaseKey> KeyFile::unlockWithSecret(const SecretBytes &secret)
{
    const Slot *slot = findSlot(SlotType::Keychain);
    if (!slot)
        return Error{ErrorCode::NotFound, QStringLiteral("This profile is not remembered on this computer."), 0};
    if (secret.size() != std::size_t(KeychainSecretSize))
        return Error{ErrorCode::WrongKey, QStringLiteral("The remembered secret has the wrong size."), 0};
    Result<SecretBytes> dek = unwrap(*slot, secret);
    if (!dek)
        return Error{ErrorCode::WrongKey, QStringLiteral("The remembered secret does not open this profile."), 0};
    m_keychainSecret = secret.clone();
    return DatabaseKey{std::move(*dek), m_fileId, m_epoch};
}

Status KeyFile::checkSameKey(const DatabaseKey &key) const
{
    if (!key.isValid() || key.fileId != m_fileId || key.epoch != m_epoch)
        return Error{ErrorCode::Invalid, QStringLiteral("the database key does not belong to this key file"), 0};
    // A slot wrapping some other DEK would open nothing: prove the key against a slot we can already open.
    const Slot *slot = findSlot(SlotType::Passphrase);
    const SecretBytes *slotKey = &m_passphraseKey;
    if (m_passphraseKey.isEmpty()) {
        slot = findSlot(SlotType::Keychain);
        slotKey = &m_keychainSecret;
    }
    if (!slot) // a brand-new file (create): nothing to compare with yet
        return {};
    if (slotKey->isEmpty())
        return Error{ErrorCode::Invalid, QStringLiteral("unlock the key file before changing its slots"), 0};
    Result<SecretBytes> dek = unwrap(*slot, *slotKey);
    if (!dek || sodium_memcmp(dek->data(), key.dek.data(), key.dek.size()) != 0)
        return Error{ErrorCode::Invalid, QStringLiteral("the database key does not belong to this key file"), 0};
    return {};
}

Status KeyFile::setPassphrase(const DatabaseKey &key, const SecretBytes &passphrase, const KdfParams &kdf)
{
    if (passphrase.isEmpty())
        return Error{ErrorCode::Invalid, QStringLiteral("The passphrase is empty."), 0};
    if (!kdf.isAcceptable())
        return Error{ErrorCode::Invalid, QStringLiteral("key-derivation costs outside the accepted range"), 0};
    if (Status s = checkSameKey(key); !s)
        return s;
    Slot slot;
    slot.type = SlotType::Passphrase;
    slot.kdf = kdf;
    slot.salt = randomBytes(SaltSize);
    Result<SecretBytes> slotKey = derive(passphrase, slot.salt, kdf);
    if (!slotKey)
        return slotKey.status();
    if (Status s = wrap(slot, *slotKey, key.dek); !s)
        return s;
    if (Slot *existing = findSlot(SlotType::Passphrase))
        *existing = std::move(slot);
    else
        m_slots.insert(m_slots.begin(), std::move(slot));
    m_passphraseKey = std::move(*slotKey);
    return {};
}

Status KeyFile::addKeychainSlot(const DatabaseKey &key, const SecretBytes &secret)
{
    if (secret.size() != std::size_t(KeychainSecretSize))
        return Error{ErrorCode::Invalid, QStringLiteral("a keychain secret must be 32 bytes"), 0};
    if (Status s = checkSameKey(key); !s)
        return s;
    Slot slot;
    slot.type = SlotType::Keychain;
    if (Status s = wrap(slot, secret, key.dek); !s)
        return s;
    if (Slot *existing = findSlot(SlotType::Keychain))
        *existing = std::move(slot);
    else
        m_slots.push_back(std::move(slot));
    m_keychainSecret = secret.clone();
    return {};
}

void KeyFile::removeKeychainSlot()
{
    std::erase_if(m_slots, [](const Slot &s) { return s.type == SlotType::Keychain; });
    m_keychainSecret.wipe();
}

Status KeyFile::rewrap(const DatabaseKey &next)
{
    if (!next.isValid() || next.fileId != m_fileId || next.epoch <= m_epoch)
        return Error{ErrorCode::Invalid, QStringLiteral("a new data key needs the same file id and a higher epoch"), 0};
    if (m_passphraseKey.isEmpty())
        return Error{ErrorCode::Invalid,
                     QStringLiteral("Changing the data key needs the passphrase: unlock with the passphrase first."),
                     0};
    KeyFile next_ = clone(); // all or nothing: wrap into a copy, adopt it once every slot succeeded
    next_.m_epoch = next.epoch;
    if (next_.m_keychainSecret.isEmpty())
        next_.removeKeychainSlot();
    for (Slot &slot : next_.m_slots) {
        const SecretBytes &slotKey = slot.type == SlotType::Passphrase ? next_.m_passphraseKey : next_.m_keychainSecret;
        if (Status s = next_.wrap(slot, slotKey, next.dek); !s)
            return s;
    }
    *this = std::move(next_);
    return {};
}

void KeyFile::forgetSlotKeys()
{
    m_passphraseKey.wipe();
    m_keychainSecret.wipe();
}

} // namespace fieldline::storage
