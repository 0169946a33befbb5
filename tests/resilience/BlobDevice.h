#pragma once

#include "../server/SyncServerKit.h"
#include "sync/blobs/BlobTransfer.h"

#include <memory>

/** @p size bytes that do not compress, the same for the same @p seed. */
QByteArray randomBytes(qsizetype size, quint32 seed);

/** A device with attachments: its blob table and a transfer the sync client uses. */
struct BlobDevice
{
    BlobDevice(const QString &path, const QUrl &server, const QByteArray &token, qint64 chunkBytes,
               qint64 clockMs = 1'790'000'000'000);

    /** Makes sure @p name is on this device, as a screen asks; waits for the outcome (20 s at most). */
    fieldline::sync::BlobOutcome fetch(const fieldline::sync::BlobName &name);

    SyncedDevice synced;
    std::unique_ptr<fieldline::sync::LocalBlobs> local;
    std::unique_ptr<fieldline::sync::BlobTransfer> transfer;
    QString opened; ///< empty when the device opened
};
