#pragma once

#include "BlobStore.h"

#include <optional>

class QHttpServerRequest;
class QHttpServerResponse;

namespace fieldline::server {

class ApiServer;
struct Identity;

/**
 * The blob endpoints of docs/protocol.md: GET and PUT /v1/blobs/<name>/upload (where an upload stands; the next
 * chunk) and GET /v1/blobs/<name> (the content, or a byte range of it). A device's token decides the tenant, and a
 * name the tenant does not have is 404 whoever else has it.
 */
class BlobRoutes
{
public:
    BlobRoutes(ApiServer &api, BlobStore &store);

    static constexpr qint64 MaxRangeBytes = 4 << 20; ///< one answer; a device asks for more in further ranges

private:
    QHttpServerResponse uploadState(const QString &name, const QHttpServerRequest &request);
    QHttpServerResponse uploadChunk(const QString &name, const QHttpServerRequest &request);
    QHttpServerResponse download(const QString &name, const QHttpServerRequest &request);
    /** The caller and the blob's name, or the refusal to answer with. */
    std::optional<std::pair<Identity, sync::BlobName>> accept(const QString &name, const QHttpServerRequest &request,
                                                              std::optional<QHttpServerResponse> &refusal);

    ApiServer &m_api;
    BlobStore &m_store;
};

} // namespace fieldline::server
