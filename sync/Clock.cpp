#include "sync/Clock.h"

#include <QDateTime>

namespace fieldline::sync {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace fieldline::sync
