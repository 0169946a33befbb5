#include "app/ProcessHardening.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <cstring>
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

#include <cstdio>

namespace fieldline::app {

QString disableCoreDumps()
{
#ifdef Q_OS_LINUX
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        return QStringLiteral("setrlimit(RLIMIT_CORE): ") + QString::fromLocal8Bit(std::strerror(errno));
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        return QStringLiteral("prctl(PR_SET_DUMPABLE): ") + QString::fromLocal8Bit(std::strerror(errno));
#endif
    return {};
}

void applyReleaseHardening()
{
#ifdef NDEBUG
    const QString error = disableCoreDumps();
    if (!error.isEmpty())
        std::fprintf(stderr, "fieldline: could not disable core dumps: %s\n", qPrintable(error));
#endif
}

} // namespace fieldline::app
