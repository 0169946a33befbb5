#pragma once

#include "app/forms/FormData.h"
#include "app/forms/Layout.h"
#include "app/forms/LayoutJson.h"
#include "sync/ByteId.h"
#include "sync/Value.h"

#include <QCoreApplication>
#include <QHash>

#include <utility>

namespace fieldline::formsync {

/** A submission's values as stored: one text (a JSON value) or null per path. */
using StoredCells = QHash<QString, sync::Value>;

/**
 * How a submission's values map onto form_values rows, the same on the client and the server.
 *
 * Every field outside repeat groups has the path of its id; a repeat-group row is the path "group/row-id" (its
 * value is the row's position) and its fields "group/row-id/field". Each path is one row whose id starts with
 * the submission's first 8 bytes and ends with 8 bytes of BLAKE2b over the submission id and the path: two
 * devices writing a field reach the same row (so the last writer wins the field, and other fields are untouched),
 * and one submission's values are one range of row ids, read through the id index on both sides.
 *
 * Computed fields are not stored: every reader computes them from the rest.
 */
class SubmissionCells
{
    Q_DECLARE_TR_FUNCTIONS(SubmissionCells)

public:
    static sync::RowId rowId(const sync::RowId &submission, const QString &path);
    /** The first and last row id that one of @p submission's values can have. */
    static std::pair<sync::RowId, sync::RowId> range(const sync::RowId &submission);

    /** The stored form of @p data (null values omitted). */
    static StoredCells encode(const forms::FormData &data, const forms::Layout &layout);
    /**
     * The values @p cells hold, typed by @p layout. A cell that does not fit (a path the layout does not have, a
     * value of the wrong type) is left out and described in @p problems; rows of a group come in position order.
     */
    static forms::FormData decode(const StoredCells &cells, const forms::Layout &layout,
                                  std::vector<forms::LayoutProblem> &problems);

    /** The paths whose stored value differs between @p before and @p after, with the value in @p after. */
    static StoredCells changed(const StoredCells &before, const StoredCells &after);
    /** The repeat-group rows ("group/row-id") in @p before that @p after no longer has. */
    static QStringList removedRows(const StoredCells &before, const StoredCells &after);
    /** Whether @p path names a repeat-group row rather than a field. */
    static bool isRowPath(const QString &path);
};

} // namespace fieldline::formsync
