#pragma once

#include "app/forms/LayoutJson.h"
#include "app/formsync/LayoutCatalog.h"
#include "app/formsync/SubmissionCells.h"

#include <QDateTime>

namespace fieldline::formsync {

/**
 * Whether stored values make a valid finalised submission of a layout version: the server's check of what a
 * device finalised, with the validator the client ran before it let the user finalise.
 */
class SubmissionCheck
{
    Q_DECLARE_TR_FUNCTIONS(SubmissionCheck)

public:
    /** Every problem by path; a value that cannot be read at all counts as one. Empty when the submission is valid. */
    static std::vector<forms::LayoutProblem> problems(const LayoutRecord &layout, const StoredCells &cells,
                                                      const QDateTime &now);
    /**
     * The moment a submission is checked at on the server: when the device finalised it, in the device's offset
     * (so today() is the user's day), unless that text is unreadable, before the submission was started or more
     * than the allowed clock difference ahead of @p serverNow; then @p serverNow.
     */
    static QDateTime checkedAt(const QString &finalisedAt, const QString &startedAt, const QDateTime &serverNow);
    /** The problems as one text for the submission's `problem` cell: "path: message" lines, at most @p lines. */
    static QString summary(const std::vector<forms::LayoutProblem> &problems, int lines = 20);
};

} // namespace fieldline::formsync
