#include "app/PassphraseStrength.h"

#include <zxcvbn.h>

#include <vector>

namespace fieldline::app {

namespace {
// zxcvbn's cost grows quickly with length; past this many characters a passphrase is long enough that
// estimating a prefix is both fast and conservative.
constexpr qsizetype kMaxEstimatedChars = 128;
} // namespace

PassphraseStrength::Level PassphraseStrength::levelForBits(double bits)
{
    // Bits of guessing entropy. An offline attacker pays one Argon2id run per guess, so 40 bits (about a
    // trillion guesses) is the least we accept; the upper bands are there to encourage longer phrases.
    if (bits < 25)
        return Level::VeryWeak;
    if (bits < 40)
        return Level::Weak;
    if (bits < 55)
        return Level::Fair;
    if (bits < 70)
        return Level::Strong;
    return Level::VeryStrong;
}

PassphraseStrength PassphraseStrength::estimate(const QString &passphrase, const QStringList &userWords)
{
    PassphraseStrength result;
    if (passphrase.isEmpty())
        return result;

    const QByteArray utf8 = passphrase.left(kMaxEstimatedChars).toUtf8();
    QList<QByteArray> words;
    words.reserve(userWords.size());
    for (const QString &word : userWords)
        words.append(word.toUtf8());
    std::vector<const char *> dictionary;
    dictionary.reserve(words.size() + 1);
    for (const QByteArray &word : words)
        dictionary.push_back(word.constData());
    dictionary.push_back(nullptr);

    result.m_bits = ZxcvbnMatch(utf8.constData(), dictionary.data(), nullptr);
    result.m_level = levelForBits(result.m_bits);
    return result;
}

} // namespace fieldline::app
