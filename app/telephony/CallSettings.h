#pragma once

#include "app/telephony/BaresipConfig.h"
#include "app/telephony/UriHandoffTelephony.h"
#include "storage/Error.h"

namespace fieldline::storage {
class Database;
}

namespace fieldline::telephony {

/**
 * How this computer places calls: through the desktop's softphone (a tel:, sip: or callto: link) or through the
 * built-in SIP phone (baresip) with the agent's SIP account. Kept in the encrypted profile's `settings` table,
 * so the SIP password is never in a plain file (baresip's accounts file is removed once read).
 */
struct CallSettings
{
    enum class Backend { Softphone, BuiltIn };

    Backend backend = Backend::Softphone;
    UriHandoffTelephony::Scheme scheme = UriHandoffTelephony::Scheme::Tel;
    SipAccount account;

    /** The stored settings; the defaults (softphone, tel: links) when none were saved. */
    static storage::Result<CallSettings> load(storage::Database &db);
    /** Stores every field in one transaction. */
    storage::Status save(storage::Database &db) const;

    bool operator==(const CallSettings &) const = default;
};

} // namespace fieldline::telephony
