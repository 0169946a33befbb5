#include "Attachments.h"

#include "sync/blobs/LocalBlobs.h"

namespace fieldline::ui {

std::optional<QString> BlobAttachments::keep(const QByteArray &content, QString &error)
{
    auto name = m_blobs.add(content);
    if (!name) {
        error = name.message();
        return std::nullopt;
    }
    return QString::fromLatin1(name->hex());
}

std::optional<QByteArray> BlobAttachments::content(const QString &name)
{
    const std::optional<sync::BlobName> blob = sync::BlobName::fromHex(name.toLatin1());
    if (!blob)
        return std::nullopt;
    auto stored = m_blobs.content(*blob);
    return stored ? *stored : std::nullopt;
}

void BlobAttachments::fetch(const QString &name, std::function<void()> arrived)
{
    if (!m_fetcher)
        return;
    m_fetcher(name, [arrived = std::move(arrived)](bool came) {
        if (came)
            arrived();
    });
}

} // namespace fieldline::ui
