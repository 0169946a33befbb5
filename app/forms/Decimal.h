#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace fieldline::forms {

/**
 * An exact decimal number for form values and expressions: 0.1 + 0.2 is 0.3, never 0.30000000000000004.
 *
 * The value is units / 10^scale with a 128-bit integer of units (38 significant digits) and a scale of at most
 * MaxScale fractional digits, kept as small as the value allows (2.50 is stored as 2.5). Addition, subtraction
 * and multiplication are exact; a result needing more than MaxScale fractional digits is rounded half to even, as
 * is division, to DivisionScale digits. A result that does not fit is nullopt, never a wrapped number.
 */
class Decimal
{
public:
    static constexpr int MaxScale = 18;
    static constexpr int DivisionScale = 12;
    /** Digits a literal or a stored text may have in all, before any parsing work. */
    static constexpr int MaxDigits = 36;

    Decimal() = default;
    static Decimal fromInt(qint64 value);
    /** "12", "-0.5", "3.", ".25"; no exponent, no grouping; nullopt for anything else or too many digits. */
    static std::optional<Decimal> parse(QStringView text);

    std::optional<Decimal> plus(const Decimal &other) const;
    std::optional<Decimal> minus(const Decimal &other) const;
    std::optional<Decimal> times(const Decimal &other) const;
    /** nullopt when @p other is zero or the quotient does not fit. */
    std::optional<Decimal> dividedBy(const Decimal &other) const;
    /** The remainder of truncated division (sign of this value); nullopt when @p other is zero. */
    std::optional<Decimal> remainder(const Decimal &other) const;
    Decimal negated() const;
    /** Rounded half to even to @p places fractional digits (0..MaxScale). */
    Decimal rounded(int places) const;

    /** -1, 0 or 1. */
    int compare(const Decimal &other) const;
    bool operator==(const Decimal &other) const { return compare(other) == 0; }
    bool isZero() const { return m_units == 0; }
    bool isInteger() const { return m_scale == 0; }
    int scale() const { return m_scale; }
    /** The integer value when it is one and fits; nullopt otherwise. */
    std::optional<qint64> toInt64() const;
    /** Shortest exact text: "-12.5", "0.3", "7". */
    QString toString() const;

private:
    using Units = __int128;
    Decimal(Units units, int scale);
    static std::optional<Decimal> normalized(Units units, int scale);
    /** Divides @p units by 10^@p digits, rounding half to even. */
    static Units shiftRight(Units units, int digits);

    Units m_units = 0;
    int m_scale = 0;
};

} // namespace fieldline::forms
