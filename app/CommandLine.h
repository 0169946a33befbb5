#pragma once

#include <QString>
#include <QStringList>

namespace fieldline::app {

/** What `fieldline` was asked to do. Parsed before any QCoreApplication exists (--version needs no display). */
struct CommandLine
{
    enum class Mode {
        Run,            ///< the normal interactive client
        Version,        ///< print versions and exit
        Help,           ///< print usage and exit
        SmokeTest,      ///< show the first screen, run the event loop once, exit 0
        ScreenshotTour, ///< render every screen offscreen to PNGs and exit
        Invalid,        ///< errorText says why
    };

    Mode mode = Mode::Run;
    QString profileDirectory; ///< empty: the remembered or default folder
    QString tourDirectory;    ///< for ScreenshotTour
    QString server;           ///< prefills the sign-in form (--server URL)
    QString tenant;           ///< prefills the sign-in form (--tenant NAME)
    QString user;             ///< prefills the sign-in form (--user NAME)
    QString errorText;

    /** arguments as in main's argv (the program name first). */
    static CommandLine parse(const QStringList &arguments);
    static QString usage();
};

} // namespace fieldline::app
