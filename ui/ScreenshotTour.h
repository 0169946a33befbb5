#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

class Shell;

/**
 * `fieldline --screenshot-tour DIR`: drives the real shell through every screen with a throwaway profile
 * (fast KDF settings, no keychain) and saves each screen as LANG-NN-name.png, in English and Simplified
 * Chinese. Runs offscreen; the PNGs in docs/screenshots/ come from here.
 */
class ScreenshotTour
{
public:
    explicit ScreenshotTour(QString outputDirectory);

    /** Returns 0 when every screen was saved; otherwise prints what failed and returns 1. */
    int run();
    QStringList savedFiles() const { return m_saved; }
    /** Flips 16 bytes inside page 1 of the profile's database, the way disk damage or tampering would. */
    static bool damageDatabase(const QString &folder);

private:
    bool tourLanguage(const QString &language);
    /** The shipped visit report, filled in part, after an attempt to finalise it. */
    bool tourForm(const QString &language);
    /** The forms workspace in the main window, a visit report started. */
    void tourFormsWorkspace(Shell &shell, app::SyncService &sync, const QString &language);
    /** The Calls workspace with a campaign written into the profile: a call under way, then its wrap-up. */
    void tourCallsWorkspace(Shell &shell, app::SyncService &sync, const QString &language);
    bool save(QWidget *widget, const QString &language, const QString &name);

    QString m_output;
    QStringList m_saved;
    QStringList m_errors;
    int m_index = 0;
};

} // namespace fieldline::ui
