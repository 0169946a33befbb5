#include "CellParser.h"

#include "app/csv/FormulaGuard.h"
#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/Campaign.h"
#include "app/telemarketing/Dispositions.h"
#include "app/telemarketing/PhoneNumbers.h"

#include <QLocale>
#include <QTime>

#include <cmath>

namespace fieldline::server {

namespace {

constexpr qsizetype MaxTextLength = 1000;
constexpr qsizetype MaxLongTextLength = 20'000;

ParsedCell refused(const QString &problem)
{
    return ParsedCell{std::monostate(), problem};
}

/** The cell's text as quoted in a message, shortened so one bad cell cannot flood the report. */
QString quoted(const QString &text)
{
    return u'\'' + (text.size() > 60 ? text.left(57) + QStringLiteral("...") : text) + u'\'';
}

QString rangeText(double value)
{
    return std::isinf(value) ? QString() : QString::number(value, 'g', QLocale::FloatingPointShortest);
}

/** "between -90 and 90", "at least 0". */
QString rangeRule(const ImportColumn &column)
{
    if (std::isinf(column.max))
        return QStringLiteral("at least %1").arg(rangeText(column.min));
    return QStringLiteral("between %1 and %2").arg(rangeText(column.min), rangeText(column.max));
}

} // namespace

CellParser::CellParser(QSet<QString> logins, QString phoneRegion, ReferenceIndex references)
    : m_logins(std::move(logins))
    , m_phoneRegion(std::move(phoneRegion))
    , m_references(std::move(references))
{}

ParsedCell CellParser::parse(const ImportColumn &column, const QString &text) const
{
    // Text is kept exactly as written; every other kind ignores the spaces spreadsheets pad cells with.
    const bool asWritten = column.kind == CellKind::Text || column.kind == CellKind::LongText;
    // An export marked text that starts like a formula (FormulaGuard); the mark is not part of the value.
    const QString cell = csv::FormulaGuard::unguard(asWritten ? text : text.trimmed());
    // A required cell of spaces is as empty as an empty one; an optional one keeps its spaces like any text.
    if (cell.isEmpty() || (column.required && cell.trimmed().isEmpty())) {
        if (column.required)
            return refused(QStringLiteral("%1 is required and empty").arg(column.name));
        return ParsedCell{std::monostate(), QString()};
    }
    switch (column.kind) {
    case CellKind::Text:
        if (cell.size() > MaxTextLength)
            return refused(QStringLiteral("%1 is longer than %2 characters").arg(column.name).arg(MaxTextLength));
        return ParsedCell{cell, QString()};
    case CellKind::Phone: {
        QString extension;
        const std::optional<QString> e164 = telemarketing::PhoneNumbers::toE164(cell, m_phoneRegion, &extension);
        // Stored as E.164, the number would lose its extension without a word.
        if (e164 && !extension.isEmpty())
            return refused(QStringLiteral("%1 %2 has an extension (%3), which a phone number here cannot keep: import "
                                          "the number without it and keep the extension in another column")
                               .arg(column.name, quoted(cell), extension));
        if (e164)
            return ParsedCell{*e164, QString()};
        return refused(QStringLiteral("%1 %2 is not a valid phone number%3")
                           .arg(column.name, quoted(cell),
                                m_phoneRegion.isEmpty() && !cell.startsWith(u'+')
                                    ? QStringLiteral(" (write it with its country code, such as +1 212 555 0100)")
                                    : QString()));
    }
    case CellKind::TimeZone:
        if (m_knownZones.contains(cell) || telemarketing::ZoneKey::isZoneId(cell)) {
            m_knownZones.insert(cell);
            return ParsedCell{cell, QString()};
        }
        return refused(
            QStringLiteral("%1 %2 is not a known time zone (such as Europe/Berlin)").arg(column.name, quoted(cell)));
    case CellKind::Login:
        if (m_logins.contains(cell))
            return ParsedCell{cell, QString()};
        return refused(QStringLiteral("%1 %2 is not a user of this tenant").arg(column.name, quoted(cell)));
    case CellKind::Integer: {
        bool ok = false;
        const qint64 number = cell.toLongLong(&ok);
        if (!ok)
            return refused(QStringLiteral("%1 %2 is not a whole number").arg(column.name, quoted(cell)));
        if (double(number) < column.min || double(number) > column.max)
            return refused(QStringLiteral("%1 %2 is not %3").arg(column.name, quoted(cell), rangeRule(column)));
        return ParsedCell{number, QString()};
    }
    case CellKind::Real: {
        bool ok = false;
        const double number = cell.toDouble(&ok); // C locale: a decimal point, never a comma
        if (!ok || !std::isfinite(number))
            return refused(QStringLiteral("%1 %2 is not a number (write decimals with a point, such as 52.52)")
                               .arg(column.name, quoted(cell)));
        if (number < column.min || number > column.max)
            return refused(QStringLiteral("%1 %2 is not %3").arg(column.name, quoted(cell), rangeRule(column)));
        return ParsedCell{number, QString()};
    }
    case CellKind::LongText:
    case CellKind::Choice:
    case CellKind::Clock:
    case CellKind::Reference:
    case CellKind::RetryMinutes:
    case CellKind::Dispositions:
        return parseCampaignCell(column, cell);
    }
    return refused(QStringLiteral("%1 has an unknown kind").arg(column.name));
}

ParsedCell CellParser::parseCampaignCell(const ImportColumn &column, const QString &cell) const
{
    switch (column.kind) {
    case CellKind::LongText:
        if (cell.size() > MaxLongTextLength)
            return refused(QStringLiteral("%1 is longer than %2 characters").arg(column.name).arg(MaxLongTextLength));
        return ParsedCell{cell, QString()};
    case CellKind::Choice: {
        const QString lower = cell.toLower();
        if (column.choices.contains(lower))
            return ParsedCell{lower, QString()};
        return refused(QStringLiteral("%1 %2 is not one of %3")
                           .arg(column.name, quoted(cell), column.choices.join(QLatin1String(", "))));
    }
    case CellKind::Clock:
        if (cell.size() == 5 && QTime::fromString(cell, QStringLiteral("HH:mm")).isValid())
            return ParsedCell{cell, QString()};
        return refused(QStringLiteral("%1 %2 is not a time of day such as 09:00").arg(column.name, quoted(cell)));
    case CellKind::Reference: {
        const QByteArray id = QByteArray::fromHex(cell.toLatin1());
        if (cell.size() == 32 && id.size() == 16 && m_references.value(column.references).contains(id))
            return ParsedCell{id, QString()};
        return refused(QStringLiteral("%1 %2 is not the id of one of this tenant's %3 (ids are in an export)")
                           .arg(column.name, quoted(cell), column.references));
    }
    case CellKind::RetryMinutes:
        if (telemarketing::Campaign::parseRetryMinutes(cell))
            return ParsedCell{cell, QString()};
        return refused(QStringLiteral("%1 %2 is not a list of minutes such as 60,240").arg(column.name, quoted(cell)));
    case CellKind::Dispositions: {
        QString problem;
        if (cell.size() <= telemarketing::Dispositions::MaxJsonBytes &&
            telemarketing::Dispositions::parse(cell, &problem))
            return ParsedCell{cell, QString()};
        return refused(
            QStringLiteral("%1: %2").arg(column.name, problem.isEmpty() ? QStringLiteral("too long") : problem));
    }
    default:
        break;
    }
    return refused(QStringLiteral("%1 has an unknown kind").arg(column.name));
}

QString formatCell(const sync::Value &value)
{
    if (const auto *number = std::get_if<qint64>(&value))
        return QString::number(*number);
    if (const auto *real = std::get_if<double>(&value))
        return QString::number(*real, 'g', QLocale::FloatingPointShortest);
    if (const auto *text = std::get_if<QString>(&value))
        return *text;
    if (const auto *blob = std::get_if<QByteArray>(&value))
        return QString::fromLatin1(blob->toHex());
    return QString();
}

} // namespace fieldline::server
