#include "ApplyPacer.h"

#include <algorithm>

namespace fieldline::sync {

void ApplyPacer::pieceTook(int changes, qint64 elapsedNs)
{
    if (m_fixed || changes <= 0)
        return;
    constexpr qint64 MaxChanges = 1 << 20;
    const qint64 perChangeNs = std::max<qint64>(1, elapsedNs / changes);
    m_changes = int(std::clamp<qint64>(TargetMs * 1'000'000 / perChangeNs, MinChanges, MaxChanges));
}

} // namespace fieldline::sync
