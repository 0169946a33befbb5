#include "ui/gate/RememberAvailability.h"

#include "app/ProfileService.h"
#include "storage/SecretStore.h"
#include "ui/UiLog.h"

namespace fieldline::ui {

RememberAvailability RememberAvailability::query(const app::ProfileService &profile, storage::SecretStore *keychain)
{
    RememberAvailability result;
    result.available = profile.canRemember();
    if (result.available)
        return result;
    // The keychain's own reason is technical English; log it, and show a sentence in the user's language.
    if (keychain)
        qCDebug(lcUi) << "remember on this computer unavailable:" << keychain->unavailableReason();
    result.reason = [] {
        return tr("Not available: this computer has no keychain service that Fieldline can use (such as GNOME "
                  "Keyring or KWallet).");
    };
    return result;
}

} // namespace fieldline::ui
