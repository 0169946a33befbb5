#include "app/AppSettings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace fieldline::app {

namespace {
const QString kLanguageKey = QStringLiteral("ui/language");
const QString kLastProfileKey = QStringLiteral("profile/lastDirectory");
const QString kIdleLockKey = QStringLiteral("security/idleLockMinutes");
} // namespace

AppSettings::AppSettings(QSettings &settings)
    : m_settings(settings)
{}

QString AppSettings::language() const
{
    return m_settings.value(kLanguageKey).toString();
}

void AppSettings::setLanguage(const QString &code)
{
    m_settings.setValue(kLanguageKey, code);
}

QString AppSettings::lastProfileDirectory() const
{
    return m_settings.value(kLastProfileKey).toString();
}

void AppSettings::setLastProfileDirectory(const QString &directory)
{
    m_settings.setValue(kLastProfileKey, directory);
}

QString AppSettings::profileDirectory(const QString &requested) const
{
    if (!requested.isEmpty())
        return QDir(requested).absolutePath();
    const QString last = lastProfileDirectory();
    if (!last.isEmpty())
        return last;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("profile"));
}

int AppSettings::idleLockMinutes() const
{
    bool ok = false;
    const int minutes = m_settings.value(kIdleLockKey, kDefaultIdleLockMinutes).toInt(&ok);
    // A hand-edited or corrupt value falls back to the default rather than disabling the lock.
    if (!ok || minutes < 0)
        return kDefaultIdleLockMinutes;
    return std::min(minutes, kMaxIdleLockMinutes);
}

void AppSettings::setIdleLockMinutes(int minutes)
{
    m_settings.setValue(kIdleLockKey, std::clamp(minutes, 0, kMaxIdleLockMinutes));
}

} // namespace fieldline::app
