#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace fieldline::sync {
class LocalBlobs;
}

namespace fieldline::ui {

/**
 * Where form controls keep what a field refers to by name rather than holds: a signature's PNG, photos. Content is
 * named by its BLAKE2b hash, so keeping the same bytes twice is one attachment.
 */
class Attachments
{
public:
    virtual ~Attachments() = default;
    /** Keeps @p content; its name in hex, or nullopt with @p error saying why not (disk full). */
    virtual std::optional<QString> keep(const QByteArray &content, QString &error) = 0;
    /** The content named @p name, or nullopt when this device does not have it (yet). */
    virtual std::optional<QByteArray> content(const QString &name) = 0;
    /** Asks for @p name from the server; @p arrived runs once it is here (not at all when it cannot come). */
    virtual void fetch(const QString &name, std::function<void()> arrived) = 0;
};

/** Attachments in the profile's encrypted store, uploaded with the next sync (sync::LocalBlobs). */
class BlobAttachments final : public Attachments
{
public:
    /** Downloads a blob into the store and says whether it came (SyncService::fetchBlob). */
    using Fetcher = std::function<void(const QString &name, std::function<void(bool arrived)>)>;

    explicit BlobAttachments(sync::LocalBlobs &blobs, Fetcher fetcher = {})
        : m_blobs(blobs)
        , m_fetcher(std::move(fetcher))
    {}
    std::optional<QString> keep(const QByteArray &content, QString &error) override;
    std::optional<QByteArray> content(const QString &name) override;
    void fetch(const QString &name, std::function<void()> arrived) override;

private:
    sync::LocalBlobs &m_blobs;
    Fetcher m_fetcher;
};

} // namespace fieldline::ui
