#include "PhotoImport.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>

namespace fieldline::ui {

std::optional<PhotoImport::Photo> PhotoImport::fromFile(const QString &path, QString &error)
{
    const QFileInfo file(path);
    if (!file.isFile()) {
        error = tr("%1 is not a file.").arg(file.fileName());
        return std::nullopt;
    }
    // Limits before decoding: the file's size, then the picture's as its header states it.
    if (file.size() > MaxFileBytes) {
        error = tr("%1 is larger than %2 MB.").arg(file.fileName()).arg(MaxFileBytes / (1024 * 1024));
        return std::nullopt;
    }
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize stated = reader.size();
    if (!reader.canRead() || !stated.isValid()) {
        error = tr("%1 is not a picture this version can read (JPEG, PNG, BMP, GIF).").arg(file.fileName());
        return std::nullopt;
    }
    if (qint64(stated.width()) * stated.height() > MaxPixels) {
        error = tr("%1 has more than %2 million pixels.").arg(file.fileName()).arg(MaxPixels / 1'000'000);
        return std::nullopt;
    }
    // Decoded at the size kept (a JPEG decoder scales while it decodes), not decoded whole and shrunk after. The
    // stated size is the stored one, before the orientation tag turns it, and so is the size asked for.
    if (stated.width() > MaxEdge || stated.height() > MaxEdge)
        reader.setScaledSize(stated.scaled(MaxEdge, MaxEdge, Qt::KeepAspectRatio));
    const QImage original = reader.read();
    if (original.isNull()) {
        error = tr("%1 could not be read: %2").arg(file.fileName(), reader.errorString());
        return std::nullopt;
    }
    const QImage scaled = original.width() > MaxEdge || original.height() > MaxEdge
                              ? original.scaled(MaxEdge, MaxEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                              : original;
    // A fresh canvas carries no text keys or colour profile from the file; transparency becomes white.
    QImage clean(scaled.size(), QImage::Format_RGB32);
    clean.fill(Qt::white);
    {
        QPainter painter(&clean);
        painter.drawImage(0, 0, scaled);
    }
    Photo photo{{}, clean.size()};
    QBuffer buffer(&photo.jpeg);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(Quality);
    writer.setOptimizedWrite(true);
    if (!writer.write(clean)) {
        error = tr("%1 could not be converted: %2").arg(file.fileName(), writer.errorString());
        return std::nullopt;
    }
    return photo;
}

} // namespace fieldline::ui
