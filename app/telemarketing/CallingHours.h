#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QTime>
#include <QTimeZone>

#include <optional>
#include <vector>

namespace fieldline::telemarketing {

/** A campaign's calling window in the called person's wall-clock time: from start (included) to end (excluded). */
struct CallingWindow
{
    QTime start;
    QTime end;

    /** From "HH:mm" texts; nullopt unless both read and start is before end (no window across midnight). */
    static std::optional<CallingWindow> parse(const QString &start, const QString &end);
    bool contains(const QTime &local) const { return start <= local && local < end; }
};

/**
 * Where a contact is, for calling hours: "tz:<IANA id>" when the contact's zone is known, otherwise
 * "region:<ISO 3166>" of the number being called. Stored on each campaign member so the queue can ask which
 * members are callable now zone by zone instead of member by member.
 */
class ZoneKey
{
public:
    /** The key for a contact with @p timeZone (may be empty) called on @p e164; empty when neither says where. */
    static QString of(const QString &timeZone, const QString &e164);
    /**
     * Whether @p id names a zone of the system's database (such as Europe/Berlin, Etc/GMT-8 or US/Eastern) or a UTC
     * offset (UTC+05:30): at most 64 characters of letters, digits and / _ + - :, and a zone Qt can build. Qt's own
     * list of available ids leaves out zones that are not in zone.tab, which devices accept.
     */
    static bool isZoneId(const QString &id);
    static QString forZone(const QByteArray &ianaId) { return QStringLiteral("tz:") + QString::fromLatin1(ianaId); }
    static QString forRegion(const QString &region) { return QStringLiteral("region:") + region; }
};

/**
 * Whether a calling window is open for a zone key at a moment. A region key is open only when the window is
 * open in every zone of that region (the US spans Hawaii to Maine), which is the only safe answer when the
 * person's zone is unknown. Daylight-saving rules come from the system's time-zone database. An unknown key or
 * zone is never open: a number nobody can place is not called.
 */
class CallingHours
{
public:
    bool isOpen(const QString &zoneKey, const CallingWindow &window, const QDateTime &now);
    /** The zones a key stands for (one for "tz:", every zone of the region for "region:"); empty when unknown. */
    const std::vector<QTimeZone> &zonesOf(const QString &zoneKey);
    /** The wall-clock time at @p now where the key is; invalid when unknown or when its zones disagree now. */
    QDateTime localTime(const QString &zoneKey, const QDateTime &now);

private:
    QHash<QString, std::vector<QTimeZone>> m_zones;
};

} // namespace fieldline::telemarketing
