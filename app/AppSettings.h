#pragma once

#include <QString>

class QSettings;

namespace fieldline::app {

/**
 * The few preferences Fieldline needs before a profile is unlocked: interface language, the last profile
 * folder, and the idle-lock delay. Kept in QSettings (plain text on disk), so nothing sensitive belongs here;
 * everything else lives in the encrypted profile.
 */
class AppSettings
{
public:
    /** settings is not owned and must outlive this object. */
    explicit AppSettings(QSettings &settings);

    /** A language code such as "en" or "zh_CN"; empty until the user chooses one. */
    QString language() const;
    void setLanguage(const QString &code);

    /** Empty until a profile was created or unlocked. */
    QString lastProfileDirectory() const;
    void setLastProfileDirectory(const QString &directory);
    /**
     * The profile folder to open: requested (from --profile) if given, else the last one used, else
     * "profile" in the standard application data folder.
     */
    QString profileDirectory(const QString &requested) const;

    /** Minutes without keyboard or mouse input before the profile locks itself; 0 means never. */
    int idleLockMinutes() const;
    void setIdleLockMinutes(int minutes);

    static constexpr int kDefaultIdleLockMinutes = 10;
    static constexpr int kMaxIdleLockMinutes = 480;

private:
    QSettings &m_settings;
};

} // namespace fieldline::app
