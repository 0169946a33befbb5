#include "ApplyPacer.h"

#include <algorithm>

namespace fieldline::sync {

void ApplyPacer::pieceTook(int changes, qint64 elapsedNs)
{
    if (m_fixed || changes <= 0)
        return;
    const double measured = std::max(1.0, double(elapsedNs) / changes);
    // Up at once to a slower piece, down by halves: the same page's pieces differ by 2-3x when one commits a
    // checkpoint of the write-ahead log.
    m_perChangeNs = m_perChangeNs == 0 ? measured : std::max(measured, (m_perChangeNs + measured) / 2);
    const double wanted = double(TargetMs) * 1e6 / m_perChangeNs;
    const double most = std::max(double(MinChanges), double(changes) * MaxGrowth);
    m_changes = int(std::clamp(wanted, double(MinChanges), most));
}

} // namespace fieldline::sync
