#include "Decimal.h"

#include <algorithm>
#include <array>
#include <limits>

namespace fieldline::forms {

namespace {

using Units = __int128;

constexpr int MaxPower = 38;
// numeric_limits has no __int128 specialisation under -std=c++20 (no GNU extensions).
constexpr Units MaxUnits = Units((static_cast<unsigned __int128>(1) << 127) - 1);
constexpr Units MinUnits = -MaxUnits - 1;

constexpr std::array<Units, MaxPower + 1> makePowers()
{
    std::array<Units, MaxPower + 1> powers{};
    Units p = 1;
    for (int i = 0; i <= MaxPower; ++i) {
        powers[size_t(i)] = p;
        if (i < MaxPower)
            p *= 10;
    }
    return powers;
}

constexpr std::array<Units, MaxPower + 1> Powers = makePowers();

Units magnitude(Units u)
{
    return u < 0 ? -u : u;
}

/** units * 10^digits, or nullopt when it does not fit. */
std::optional<Units> scaledUp(Units units, int digits)
{
    if (digits < 0 || digits > MaxPower)
        return std::nullopt;
    Units out = 0;
    if (__builtin_mul_overflow(units, Powers[size_t(digits)], &out))
        return std::nullopt;
    return out;
}

/** n / d rounded half to even; d != 0. */
Units divideRounded(Units n, Units d)
{
    Units q = n / d;
    const Units r = magnitude(n % d);
    const Units rest = magnitude(d) - r;
    const bool negative = (n < 0) != (d < 0);
    if (r > rest || (r == rest && (q % 2 != 0)))
        q += negative ? -1 : 1;
    return q;
}

} // namespace

Decimal::Decimal(Units units, int scale)
    : m_units(units)
    , m_scale(scale)
{}

Decimal Decimal::fromInt(qint64 value)
{
    return Decimal(Units(value), 0);
}

Decimal::Units Decimal::shiftRight(Units units, int digits)
{
    if (digits <= 0)
        return units;
    if (digits > MaxPower)
        return 0;
    return divideRounded(units, Powers[size_t(digits)]);
}

std::optional<Decimal> Decimal::normalized(Units units, int scale)
{
    // The one value without a negation; keeping it out keeps negated() and every magnitude defined.
    if (units == MinUnits)
        return std::nullopt;
    if (scale > MaxScale) {
        units = shiftRight(units, scale - MaxScale);
        scale = MaxScale;
    }
    while (scale > 0 && units % 10 == 0) {
        units /= 10;
        --scale;
    }
    return Decimal(units, scale);
}

std::optional<Decimal> Decimal::parse(QStringView text)
{
    if (text.isEmpty() || text.size() > MaxDigits + 2)
        return std::nullopt;
    qsizetype i = 0;
    const bool negative = text.front() == u'-';
    if (negative)
        ++i;
    Units units = 0;
    int digits = 0;
    int scale = 0;
    bool point = false;
    for (; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'.' && !point) {
            point = true;
            continue;
        }
        if (c < u'0' || c > u'9')
            return std::nullopt;
        if (++digits > MaxDigits)
            return std::nullopt;
        units = units * 10 + (c.unicode() - u'0');
        if (point && ++scale > MaxScale)
            return std::nullopt;
    }
    if (digits == 0)
        return std::nullopt;
    return normalized(negative ? -units : units, scale);
}

std::optional<Decimal> Decimal::plus(const Decimal &other) const
{
    const int scale = std::max(m_scale, other.m_scale);
    const auto a = scaledUp(m_units, scale - m_scale);
    const auto b = scaledUp(other.m_units, scale - other.m_scale);
    Units sum = 0;
    if (!a || !b || __builtin_add_overflow(*a, *b, &sum))
        return std::nullopt;
    return normalized(sum, scale);
}

std::optional<Decimal> Decimal::minus(const Decimal &other) const
{
    return plus(other.negated());
}

std::optional<Decimal> Decimal::times(const Decimal &other) const
{
    Units product = 0;
    if (__builtin_mul_overflow(m_units, other.m_units, &product))
        return std::nullopt;
    return normalized(product, m_scale + other.m_scale);
}

std::optional<Decimal> Decimal::dividedBy(const Decimal &other) const
{
    if (other.isZero())
        return std::nullopt;
    // (a / 10^as) / (b / 10^bs) at DivisionScale digits: a * 10^(DivisionScale + bs - as) / b.
    const int shift = DivisionScale + other.m_scale - m_scale;
    if (shift >= 0) {
        const auto numerator = scaledUp(m_units, shift);
        if (!numerator)
            return std::nullopt;
        return normalized(divideRounded(*numerator, other.m_units), DivisionScale);
    }
    const auto denominator = scaledUp(other.m_units, -shift);
    if (!denominator)
        return normalized(0, 0);
    return normalized(divideRounded(m_units, *denominator), DivisionScale);
}

std::optional<Decimal> Decimal::remainder(const Decimal &other) const
{
    if (other.isZero())
        return std::nullopt;
    const int scale = std::max(m_scale, other.m_scale);
    const auto a = scaledUp(m_units, scale - m_scale);
    const auto b = scaledUp(other.m_units, scale - other.m_scale);
    if (!a || !b)
        return std::nullopt;
    return normalized(*a % *b, scale);
}

Decimal Decimal::negated() const
{
    return Decimal(-m_units, m_scale);
}

Decimal Decimal::rounded(int places) const
{
    places = std::clamp(places, 0, MaxScale);
    if (m_scale <= places)
        return *this;
    return *normalized(shiftRight(m_units, m_scale - places), places);
}

int Decimal::compare(const Decimal &other) const
{
    const int scale = std::max(m_scale, other.m_scale);
    const auto a = scaledUp(m_units, scale - m_scale);
    const auto b = scaledUp(other.m_units, scale - other.m_scale);
    // Whichever side does not fit at the common scale is the larger in magnitude.
    if (!a)
        return m_units < 0 ? -1 : 1;
    if (!b)
        return other.m_units < 0 ? 1 : -1;
    return *a < *b ? -1 : (*a > *b ? 1 : 0);
}

std::optional<qint64> Decimal::toInt64() const
{
    if (m_scale != 0 || m_units > Units(std::numeric_limits<qint64>::max()) ||
        m_units < Units(std::numeric_limits<qint64>::min()))
        return std::nullopt;
    return qint64(m_units);
}

QString Decimal::toString() const
{
    QString digits;
    Units rest = magnitude(m_units);
    do {
        digits.prepend(QChar(u'0' + int(rest % 10)));
        rest /= 10;
    } while (rest > 0);
    if (m_scale > 0) {
        if (digits.size() <= m_scale)
            digits.prepend(QString(m_scale - digits.size() + 1, u'0'));
        digits.insert(digits.size() - m_scale, u'.');
    }
    return m_units < 0 ? QStringLiteral("-") + digits : digits;
}

} // namespace fieldline::forms
