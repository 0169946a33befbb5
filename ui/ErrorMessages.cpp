#include "ui/ErrorMessages.h"

#include "sync/Value.h"

namespace fieldline::ui {

QString ErrorMessages::describe(const storage::Error &error)
{
    QString text;
    switch (error.code) {
    case storage::ErrorCode::StorageFull:
        return tr("Your disk is full, so Fieldline could not save. Nothing you entered is lost: free some space "
                  "(for example, empty the trash), then choose Try again.");
    case storage::ErrorCode::WrongKey:
        return tr("That passphrase is not correct. Nothing was changed. Check Caps Lock and the keyboard layout, "
                  "then try again.");
    case storage::ErrorCode::Damaged:
        text = tr("The profile files are damaged or were changed outside Fieldline.");
        break;
    case storage::ErrorCode::Busy:
        return tr("The profile is in use by another Fieldline window. Close that window, then try again.");
    case storage::ErrorCode::Io:
        text = tr("Fieldline could not read or write the profile files.");
        break;
    case storage::ErrorCode::NotFound:
        text = tr("A profile file is missing.");
        break;
    case storage::ErrorCode::TooLarge:
        text = tr("This is too large to save: one field may hold at most %1 KB. Nothing was saved; shorten it and "
                  "try again.")
                   .arg(sync::MaxWrittenValueBytes / 1024);
        break;
    case storage::ErrorCode::Unsupported:
        text = tr("This computer lacks a service that Fieldline needs for this.");
        break;
    case storage::ErrorCode::Constraint:
    case storage::ErrorCode::Invalid:
    case storage::ErrorCode::Internal:
        text = tr("Something went wrong inside Fieldline. Your data has not been changed.");
        break;
    }
    if (!error.message.isEmpty())
        text = tr("%1 Details: %2").arg(text, error.message);
    return text;
}

TrText ErrorMessages::text(const storage::Error &error)
{
    return [error] { return describe(error); };
}

bool ErrorMessages::isRetryable(storage::ErrorCode code)
{
    return code == storage::ErrorCode::StorageFull || code == storage::ErrorCode::Busy ||
           code == storage::ErrorCode::Io;
}

} // namespace fieldline::ui
