// fieldline: the desktop client. Parses the command line, builds the object graph, runs the event loop.
#include "app/AppSettings.h"
#include "app/BuildInfo.h"
#include "app/CommandLine.h"
#include "app/DisplayCheck.h"
#include "app/ProcessHardening.h"
#include "app/ProfileService.h"
#include "app/sync/SyncService.h"
#include "storage/SystemSecretStore.h"
#include "sync/Clock.h"
#include "ui/LanguageManager.h"
#include "ui/ScreenshotTour.h"
#include "ui/Shell.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <QTimer>
#include <QWidget>

#include <cstdio>

using namespace fieldline;

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const app::CommandLine command = app::CommandLine::parse(arguments);
    switch (command.mode) {
    case app::CommandLine::Mode::Invalid:
        std::fprintf(stderr, "fieldline: %s\n\n%s", qPrintable(command.errorText),
                     qPrintable(app::CommandLine::usage()));
        return 1;
    case app::CommandLine::Mode::Help:
        std::printf("%s", qPrintable(app::CommandLine::usage()));
        return 0;
    case app::CommandLine::Mode::Version:
        std::printf("%s", qPrintable(app::versionReport()));
        return 0;
    case app::CommandLine::Mode::Run:
    case app::CommandLine::Mode::SmokeTest:
    case app::CommandLine::Mode::ScreenshotTour:
        break;
    }

    app::applyReleaseHardening();
    if (command.mode == app::CommandLine::Mode::ScreenshotTour && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (const QString noDisplay = app::missingDisplayMessage(); !noDisplay.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(noDisplay));
        return 2;
    }

    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Fieldline"));
    QApplication::setApplicationName(QStringLiteral("Fieldline"));
    QApplication::setApplicationVersion(app::fieldlineVersion());
    QApplication::setDesktopFileName(QStringLiteral("fieldline"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/fieldline.png")));

    if (command.mode == app::CommandLine::Mode::ScreenshotTour)
        return ui::ScreenshotTour(command.tourDirectory).run();

    QSettings qsettings;
    app::AppSettings settings(qsettings);
    ui::LanguageManager language;
    language.setLanguage(ui::LanguageManager::resolve(settings.language()));

    const std::unique_ptr<storage::SecretStore> keychain = storage::makeSystemSecretStore();
    app::ProfileService profile({settings.profileDirectory(command.profileDirectory)}, keychain.get());
    const sync::SystemClock clock;
    app::SyncService syncService(profile, clock);
    ui::Shell shell(
        {&profile, keychain.get(), &settings, &language, &syncService, {command.server, command.tenant, command.user}});
    QObject::connect(&shell, &ui::Shell::quitRequested, &application, &QCoreApplication::quit, Qt::QueuedConnection);

    const bool smokeTest = command.mode == app::CommandLine::Mode::SmokeTest;
    shell.start(/*tryKeychain=*/!smokeTest);
    if (smokeTest) {
        QTimer::singleShot(0, &application, [&shell] {
            const bool shown = shell.currentWindow() && shell.currentWindow()->isVisible();
            std::printf("fieldline: smoke test %s\n", shown ? "ok: the first screen is shown" : "failed: no window");
            QCoreApplication::exit(shown ? 0 : 1);
        });
    }
    return application.exec();
}
