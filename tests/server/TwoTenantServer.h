#pragma once

#include "SyncServerKit.h"

#include "server/OperatorToken.h"
#include "server/UserDirectory.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

/**
 * An in-process server for the admin routes' tests, on either backend: the operator's token, and two tenants named
 * alpha<N> and bravo<N> (tenant names are per database, and a PostgreSQL database is shared by the runs of a test),
 * each with an admin "boss" and a field user "field". The routes under test are added by the test.
 */
struct TwoTenantServer
{
    /**
     * Starts on @p backend ("sqlite", or "postgres" with @p postgres set up) with a fresh data folder under @p root;
     * false, with a warning saying what failed, when it could not.
     */
    bool start(const QString &root, const QString &backend, const StoreBackend &postgres, qint64 clockMs);

    std::unique_ptr<InProcessServer> server;
    std::unique_ptr<fieldline::server::UserDirectory> directory;
    std::unique_ptr<fieldline::server::OperatorToken> operatorFile;
    QByteArray operatorToken;
    QString alpha, bravo;
    QByteArray bravoAdmin; ///< the device token of bravo's admin "boss"

private:
    QString setUp(const QString &dataDir, int number, qint64 clockMs,
                  const std::optional<fieldline::server::PostgresAddress> &postgres);
};
