#pragma once

#include "sync/ByteId.h"
#include "sync/SyncSchema.h"

#include <QString>

namespace fieldline::formsync {

/**
 * The synced tables of the forms engine (docs/forms.md, "Storage and sync").
 *
 * - form_layouts: one row per published version of a form, written only by the server's forms API (which checks
 *   the layout first), so every device renders exactly what was published. `body` is the layout's JSON.
 * - form_submissions: one row per filled form, pinned by `layout` to the form_layouts row it was started with.
 * - form_values: one row per filled field of a submission (and one per repeat-group row), so two devices filling
 *   different fields merge without loss and the same field resolves by last writer.
 */
namespace tables {
inline const QString Layouts = QStringLiteral("form_layouts");
inline const QString Submissions = QStringLiteral("form_submissions");
inline const QString Values = QStringLiteral("form_values");
} // namespace tables

/** The values of form_submissions.status. */
namespace status {
inline const QString Draft = QStringLiteral("draft");
inline const QString Final = QStringLiteral("final");
/// The server found a finalised submission invalid: it is a draft again and `problem` says why.
inline const QString Returned = QStringLiteral("returned");
inline const QString Published = QStringLiteral("published");
inline const QString Retired = QStringLiteral("retired");
} // namespace status

/** The three tables, for the product's sync schema. */
std::vector<sync::TableSchema> formTables();

/** The form_layouts row of version @p version of form @p form: the same id wherever it is computed. */
sync::RowId layoutRowId(const QString &form, qint64 version);

} // namespace fieldline::formsync
