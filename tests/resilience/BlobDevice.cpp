#include "BlobDevice.h"

#include <QRandomGenerator>
#include <QTest>

using namespace fieldline;

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32 *>(out.data()), size / 4);
    return out;
}

BlobDevice::BlobDevice(const QString &path, const QUrl &server, const QByteArray &token, qint64 chunkBytes,
                       qint64 clockMs)
    : synced(path, clockMs, server, token)
{
    opened = synced.open();
    if (!opened.isEmpty())
        return;
    local = std::make_unique<sync::LocalBlobs>(synced.device->database());
    if (auto s = local->createTables(); !s)
        opened = s.message();
    transfer = std::make_unique<sync::BlobTransfer>(*local, *synced.http, synced.device.clock,
                                                    sync::BlobTransfer::Options{chunkBytes});
    synced.client->setBlobTransfer(transfer.get());
}

sync::BlobOutcome BlobDevice::fetch(const sync::BlobName &name)
{
    std::optional<sync::BlobOutcome> outcome;
    transfer->fetch(name, synced.token, [&](const sync::BlobOutcome &o) { outcome = o; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
        return sync::BlobOutcome{sync::BlobOutcome::Kind::LocalFailed, {}, QStringLiteral("timed out")};
    return *outcome;
}
