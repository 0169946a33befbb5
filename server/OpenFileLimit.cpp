#include "OpenFileLimit.h"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace fieldline::server {

quint64 raiseOpenFileLimit(QString &problem)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        problem = QStringLiteral("getrlimit(RLIMIT_NOFILE): ") + QString::fromLocal8Bit(std::strerror(errno));
        return 0;
    }
    if (limit.rlim_cur == limit.rlim_max)
        return quint64(limit.rlim_cur);
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        problem = QStringLiteral("setrlimit(RLIMIT_NOFILE): ") + QString::fromLocal8Bit(std::strerror(errno));
        return quint64(before);
    }
    return quint64(limit.rlim_cur);
}

} // namespace fieldline::server
