#pragma once

#include "ui/TrText.h"

#include <QCoreApplication>

namespace fieldline::app {
class ProfileService;
}
namespace fieldline::storage {
class SecretStore;
}

namespace fieldline::ui {

/** Whether "remember on this computer" can work here, and if not, why (for the disabled checkbox). */
struct RememberAvailability
{
    Q_DECLARE_TR_FUNCTIONS(RememberAvailability)

public:
    bool available = false;
    TrText reason;

    /** keychain may be null (built without keychain support). */
    static RememberAvailability query(const app::ProfileService &profile, storage::SecretStore *keychain);
};

} // namespace fieldline::ui
