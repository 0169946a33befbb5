#pragma once

#include "app/forms/LayoutReader.h"
#include "storage/Error.h"
#include "sync/RowState.h"

#include <vector>

namespace fieldline::sync {
class Replica;
}

namespace fieldline::formsync {

/** One published version of a form, as its form_layouts row holds it. */
struct LayoutRecord
{
    sync::RowId id;
    QString form;
    qint64 version = 0;
    QString title;
    QString status;
    QByteArray body; ///< the layout's JSON, exactly as published

    static LayoutRecord fromState(const sync::RowId &id, const sync::RowState &state);
    /** Orders @p records by form, then version: how every list of versions is shown. */
    static void sort(std::vector<LayoutRecord> &records);
    bool isRetired() const;
    /** The layout to render: read with the same reader that checked it at publish. */
    forms::LayoutReader::Result read() const;
};

/**
 * The layouts a device has received. Every version stays (a draft is pinned to the version it was started with
 * and must stay renderable); what a user may start is the newest version of each form that is not retired.
 */
class LayoutCatalog
{
public:
    /** @p replica must outlive the catalog. */
    explicit LayoutCatalog(sync::Replica &replica)
        : m_replica(replica)
    {}

    /** Every version of every form, ordered by form then version. */
    storage::Result<std::vector<LayoutRecord>> all();
    /** The newest version of each form, leaving out retired forms; ordered by form. */
    storage::Result<std::vector<LayoutRecord>> startable();
    /** The version in row @p id; NotFound when the device does not have it (yet). */
    storage::Result<LayoutRecord> record(const sync::RowId &id);

    /** The newest version of each form in @p records, retired ones left out; ordered by form. */
    static std::vector<LayoutRecord> newestOfEach(const std::vector<LayoutRecord> &records);

private:
    sync::Replica &m_replica;
};

} // namespace fieldline::formsync
