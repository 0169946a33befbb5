#pragma once

#include "storage/Error.h"
#include "ui/TrText.h"

#include <QCoreApplication>

namespace fieldline::ui {

/**
 * Storage and profile errors in plain words for the people using Fieldline: what happened, whether their
 * work is safe, and what to do next. Technical details are appended, never shown alone.
 */
class ErrorMessages
{
    Q_DECLARE_TR_FUNCTIONS(ErrorMessages)

public:
    static QString describe(const storage::Error &error);
    /** The same, as a text that follows language switches while it is on screen. */
    static TrText text(const storage::Error &error);
    /** Worth offering "Try again" for: the cause can go away (a full disk, a busy file, a flaky disk). */
    static bool isRetryable(storage::ErrorCode code);
};

} // namespace fieldline::ui
