#pragma once

#include "LoadOptions.h"
#include "storage/Error.h"
#include "sync/ByteId.h"

#include <QByteArray>
#include <QStringList>

#include <vector>

namespace fieldline::loadgen {

/** One logged-in device: its token, and the site id its pushes write as (bound by its first push). */
struct LoadDevice
{
    int tenant = 0; ///< index into LoadFleet::tenants
    QByteArray token;
    sync::SiteId site;
};

/** The tenants and devices a run uses. Devices are ordered round-robin over the tenants. */
struct LoadFleet
{
    QStringList tenants;
    QString login;    ///< the user every tenant has
    QString password; ///< its password, for the logins of a run (LoginStream)
    std::vector<LoadDevice> devices;
};

/**
 * Gets the devices ready, blocking, with a timeout per request: in operator mode it creates the tenants and one
 * user each through /v1/admin, then logs each device in through /v1/login; with --tenant it only logs in.
 */
storage::Result<LoadFleet> prepareFleet(const LoadOptions &options);

} // namespace fieldline::loadgen
