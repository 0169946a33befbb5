#pragma once

#include "app/forms/LayoutJson.h"
#include "app/formsync/LayoutCatalog.h"
#include "storage/Error.h"

#include <QByteArray>

#include <vector>

namespace fieldline::sync {
class Clock;
}

namespace fieldline::server {

class SyncStore;

/**
 * A tenant's form layouts on the server: publishing a checked layout as a new form_layouts row, listing the
 * versions, retiring a form. Devices receive layouts by their normal pull; no device may write form_layouts
 * itself (WritePolicy), so every layout a device renders passed LayoutReader here.
 */
class FormPublisher
{
public:
    FormPublisher(SyncStore &sync, const sync::Clock &clock)
        : m_sync(sync)
        , m_clock(clock)
    {}

    struct Outcome
    {
        enum class Kind {
            Published, ///< a new version; cursor is the tenant's cursor after it
            Unchanged, ///< that version was already published with the same JSON
            Invalid,   ///< problems says why; nothing was written
            Conflict,  ///< the version is taken or older than the newest; message says what to publish instead
        };
        Kind kind = Kind::Invalid;
        formsync::LayoutRecord record;
        std::vector<forms::LayoutProblem> problems;
        QString message;
        qint64 cursor = 0;
    };

    storage::Result<Outcome> publish(qint64 tenantId, const QByteArray &json);
    /** Every version of every form of the tenant, ordered by form and version. */
    storage::Result<std::vector<formsync::LayoutRecord>> versions(qint64 tenantId);
    /** Version @p version of @p form (one primary-key lookup), or nullopt when it was never published. */
    storage::Result<std::optional<formsync::LayoutRecord>> version(qint64 tenantId, const QString &form,
                                                                   qint64 version);
    /** Marks every version of @p form retired; how many changed and the cursor, NotFound when it has none. */
    storage::Result<std::pair<qint64, qint64>> retire(qint64 tenantId, const QString &form);

    /** The site the server's layout writes are stamped with. */
    static sync::SiteId site();

private:
    SyncStore &m_sync;
    const sync::Clock &m_clock;
};

} // namespace fieldline::server
