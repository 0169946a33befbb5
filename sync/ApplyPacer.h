#pragma once

#include <QtGlobal>

namespace fieldline::sync {

/**
 * How many changes of a pulled page the client applies before its event loop runs again. Applying holds the thread
 * the client lives on, the UI thread in the app: edits scattered over a store larger than its page cache cost about
 * 30 us a change on a 2-core machine, so a page of 5,000 held it for about 160 ms in one piece. Pieces aim at
 * TargetMs each, from what the pieces before took; new rows, several times cheaper, still go a page at a time.
 */
class ApplyPacer
{
public:
    static constexpr qint64 TargetMs = 20;
    static constexpr int FirstChanges = 1000;
    static constexpr int MinChanges = 100;

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
    double m_perChangeNs = 0; ///< leans to the slower of the pieces seen: a commit's checkpoint falls in some only
};

} // namespace fieldline::sync
