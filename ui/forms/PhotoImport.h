#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QSize>
#include <QString>

#include <optional>

namespace fieldline::ui {

/**
 * Turns a picture file into the photo a form keeps: turned upright (its orientation tag applied), at most
 * MaxEdge pixels on its long side, and encoded again as a new JPEG drawn on a clean canvas, so nothing of the
 * original file's metadata (EXIF with GPS position, camera serial numbers, comments) goes with it.
 */
class PhotoImport
{
    Q_DECLARE_TR_FUNCTIONS(PhotoImport)

public:
    static constexpr int MaxEdge = 1600;
    static constexpr qint64 MaxFileBytes = 40 * 1024 * 1024;
    static constexpr qint64 MaxPixels = 100'000'000;
    static constexpr int Quality = 85;

    struct Photo
    {
        QByteArray jpeg;
        QSize size;
    };
    /** The photo from @p path, or nullopt with @p error saying why, in words for the user. */
    static std::optional<Photo> fromFile(const QString &path, QString &error);
};

} // namespace fieldline::ui
