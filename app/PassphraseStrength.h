#pragma once

#include <QString>
#include <QStringList>

namespace fieldline::app {

/**
 * How hard a passphrase is to guess, estimated with zxcvbn (dictionary words, names, keyboard walks, dates,
 * repeats and l33t substitutions count for little; length and unrelated words count for a lot).
 * The profile's key file can be attacked offline, so the bar for a usable passphrase is "Fair" or better.
 */
class PassphraseStrength
{
public:
    enum class Level { Empty, VeryWeak, Weak, Fair, Strong, VeryStrong };

    /** userWords: extra words that must count as guessable (the product name, the user's name, ...). */
    static PassphraseStrength estimate(const QString &passphrase, const QStringList &userWords = {});

    Level level() const { return m_level; }
    double entropyBits() const { return m_bits; }
    /** Strong enough to protect a profile (Fair or better). */
    bool isAcceptable() const { return m_level >= Level::Fair; }

    /** The level for an entropy estimate, in bits; public so the thresholds can be tested on their own. */
    static Level levelForBits(double bits);

private:
    Level m_level = Level::Empty;
    double m_bits = 0;
};

} // namespace fieldline::app
