#pragma once

#include <QtGlobal>

namespace fieldline::sync {

/**
 * How many changes of a pulled page the client applies before its event loop runs again. Applying holds the thread
 * the client lives on, the UI thread in the app: edits scattered over a store larger than its page cache held it
 * 75 ms a page in bench_sync. Pieces aim at TargetMs each, from what the pieces before took; new rows, several times
 * cheaper, still go a page at a time.
 *
 * Each piece is a commit, whose cost does not shrink with the piece (a sync of the disk, now and then a checkpoint):
 * pieces stay at MinChanges or more, so that a slow disk makes pieces slower but not ten times as many, and a piece
 * grows at most MaxGrowth times the last, so that a cheap piece (rows already applied) is not followed by a whole page.
 */
class ApplyPacer
{
public:
    static constexpr qint64 TargetMs = 20;
    static constexpr int FirstChanges = 1000;
    static constexpr int MinChanges = 500;
    static constexpr int MaxGrowth = 4;

    /** A fixed piece of @p changes (tests), or paced by time with 0. */
    explicit ApplyPacer(int changes = 0)
        : m_fixed(changes > 0)
        , m_changes(changes > 0 ? changes : FirstChanges)
    {}

    int nextPiece() const { return m_changes; }
    /** The last piece applied @p changes in @p elapsedNs. */
    void pieceTook(int changes, qint64 elapsedNs);

private:
    bool m_fixed;
    int m_changes;
    double m_perChangeNs = 0; ///< leans to the slower pieces seen: a commit's checkpoint falls in some only
};

} // namespace fieldline::sync
