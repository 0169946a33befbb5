#include "app/CommandLine.h"

#include <QCommandLineParser>

namespace fieldline::app {

namespace {
// Command-line text stays English: it is printed before any translation can be loaded, and it is what
// scripts and bug reports quote.
const QString kVersion = QStringLiteral("version");
const QString kHelp = QStringLiteral("help");
const QString kProfile = QStringLiteral("profile");
const QString kSmokeTest = QStringLiteral("smoke-test");
const QString kTour = QStringLiteral("screenshot-tour");
const QString kServer = QStringLiteral("server");
const QString kTenant = QStringLiteral("tenant");
const QString kUser = QStringLiteral("user");
} // namespace

QString CommandLine::usage()
{
    return QStringLiteral("Usage: fieldline [options]\n"
                          "\n"
                          "  --profile DIR           use the profile in DIR (default: the last one used, or the\n"
                          "                          standard application data folder)\n"
                          "  --version               print the versions of Fieldline, Qt, SQLite and libsodium\n"
                          "  --smoke-test            show the first screen, run the event loop once and exit\n"
                          "  --screenshot-tour DIR   render every screen offscreen to PNG files in DIR\n"
                          "                          (English and Simplified Chinese), using a throwaway profile\n"
                          "  --server URL            the tenant server the sign-in form offers\n"
                          "  --tenant NAME           the organisation the sign-in form offers\n"
                          "  --user NAME             the user name the sign-in form offers\n"
                          "  --help                  print this help\n");
}

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(QCommandLineOption(kVersion));
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("h"), kHelp}));
    parser.addOption(QCommandLineOption(kProfile, QString(), QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(kSmokeTest));
    parser.addOption(QCommandLineOption(kTour, QString(), QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(kServer, QString(), QStringLiteral("URL")));
    parser.addOption(QCommandLineOption(kTenant, QString(), QStringLiteral("NAME")));
    parser.addOption(QCommandLineOption(kUser, QString(), QStringLiteral("NAME")));

    CommandLine result;
    if (!parser.parse(arguments)) {
        result.mode = Mode::Invalid;
        result.errorText = parser.errorText();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.mode = Mode::Invalid;
        result.errorText = QStringLiteral("unexpected argument: ") + parser.positionalArguments().first();
        return result;
    }

    result.profileDirectory = parser.value(kProfile);
    result.server = parser.value(kServer);
    result.tenant = parser.value(kTenant);
    result.user = parser.value(kUser);
    const int exclusiveModes = int(parser.isSet(kVersion)) + int(parser.isSet(kHelp)) + int(parser.isSet(kSmokeTest)) +
                               int(parser.isSet(kTour));
    if (exclusiveModes > 1) {
        result.mode = Mode::Invalid;
        result.errorText = QStringLiteral("--version, --help, --smoke-test and --screenshot-tour exclude each other");
    } else if (parser.isSet(kHelp)) {
        result.mode = Mode::Help;
    } else if (parser.isSet(kVersion)) {
        result.mode = Mode::Version;
    } else if (parser.isSet(kSmokeTest)) {
        result.mode = Mode::SmokeTest;
    } else if (parser.isSet(kTour)) {
        result.mode = Mode::ScreenshotTour;
        result.tourDirectory = parser.value(kTour);
    }
    return result;
}

} // namespace fieldline::app
