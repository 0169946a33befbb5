#include "app/telemarketing/CallingHours.h"

#include "app/telemarketing/PhoneNumbers.h"

#include <QLocale>

namespace fieldline::telemarketing {

std::optional<CallingWindow> CallingWindow::parse(const QString &start, const QString &end)
{
    const QTime from = QTime::fromString(start, QStringLiteral("HH:mm"));
    const QTime to = QTime::fromString(end, QStringLiteral("HH:mm"));
    if (!from.isValid() || !to.isValid() || !(from < to))
        return std::nullopt;
    return CallingWindow{from, to};
}

QString ZoneKey::of(const QString &timeZone, const QString &e164)
{
    const QString id = timeZone.trimmed();
    if (isZoneId(id))
        return forZone(id.toLatin1());
    const QString region = PhoneNumbers::regionOf(e164);
    return region.isEmpty() ? QString() : forRegion(region);
}

bool ZoneKey::isZoneId(const QString &id)
{
    if (id.isEmpty() || id.size() > 64 || id.startsWith(u'/') || id.contains(QLatin1String("..")))
        return false;
    for (QChar c : id) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (!plain && c != u'/' && c != u'_' && c != u'+' && c != u'-' && c != u':')
            return false;
    }
    // Constructed rather than looked up in the territory lists, which leave out zones such as Etc/GMT-8.
    return QTimeZone(id.toLatin1()).isValid();
}

const std::vector<QTimeZone> &CallingHours::zonesOf(const QString &zoneKey)
{
    static const std::vector<QTimeZone> none;
    if (zoneKey.size() > 80) // keys come from synced rows: nothing longer is a zone
        return none;
    auto found = m_zones.constFind(zoneKey);
    if (found != m_zones.constEnd())
        return *found;
    std::vector<QTimeZone> zones;
    if (zoneKey.startsWith(QLatin1String("tz:"))) {
        QTimeZone zone(zoneKey.mid(3).toLatin1());
        if (zone.isValid())
            zones.push_back(zone);
    } else if (zoneKey.startsWith(QLatin1String("region:")) && zoneKey.size() == 9) {
        const QLocale::Territory territory = QLocale::codeToTerritory(zoneKey.mid(7));
        if (territory != QLocale::AnyTerritory) {
            for (const QByteArray &id : QTimeZone::availableTimeZoneIds(territory)) {
                QTimeZone zone(id);
                if (zone.isValid())
                    zones.push_back(zone);
            }
        }
    }
    return *m_zones.insert(zoneKey, std::move(zones));
}

bool CallingHours::isOpen(const QString &zoneKey, const CallingWindow &window, const QDateTime &now)
{
    const std::vector<QTimeZone> &zones = zonesOf(zoneKey);
    if (zones.empty())
        return false;
    const QDateTime utc = now.toUTC();
    for (const QTimeZone &zone : zones) {
        if (!window.contains(utc.addSecs(zone.offsetFromUtc(utc)).time()))
            return false;
    }
    return true;
}

QDateTime CallingHours::localTime(const QString &zoneKey, const QDateTime &now)
{
    // A region whose zones disagree now has no one time to show (Adak's is not New York's).
    const std::vector<QTimeZone> &zones = zonesOf(zoneKey);
    for (const QTimeZone &zone : zones) {
        if (zone.offsetFromUtc(now) != zones.front().offsetFromUtc(now))
            return {};
    }
    return zones.empty() ? QDateTime() : now.toTimeZone(zones.front());
}

} // namespace fieldline::telemarketing
