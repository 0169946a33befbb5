#include "Signature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fieldline::forms {

int Signature::pointCount() const
{
    int points = 0;
    for (const Stroke &stroke : strokes)
        points += int(stroke.size());
    return points;
}

QString Signature::toText() const
{
    QJsonArray lines;
    for (const Stroke &stroke : strokes) {
        QJsonArray coordinates;
        for (const QPoint &point : stroke) {
            coordinates.append(point.x());
            coordinates.append(point.y());
        }
        lines.append(coordinates);
    }
    QJsonObject object{{QStringLiteral("strokes"), lines}};
    if (!png.isEmpty())
        object.insert(QStringLiteral("png"), png);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<Signature> Signature::fromText(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    const QJsonValue lines = document.object().value(QStringLiteral("strokes"));
    const QJsonValue png = document.object().value(QStringLiteral("png"));
    if (!document.isObject() || !lines.isArray() || lines.toArray().size() > MaxStrokes ||
        !(png.isUndefined() || png.isString()))
        return std::nullopt;
    Signature out;
    out.png = png.toString();
    if (out.png.size() > 128)
        return std::nullopt;
    int points = 0;
    for (const QJsonValue &line : lines.toArray()) {
        const QJsonArray coordinates = line.toArray();
        if (!line.isArray() || coordinates.isEmpty() || coordinates.size() % 2 != 0)
            return std::nullopt;
        points += int(coordinates.size() / 2);
        if (points > MaxPoints)
            return std::nullopt;
        Stroke stroke;
        for (qsizetype i = 0; i < coordinates.size(); i += 2) {
            const QJsonValue x = coordinates.at(i);
            const QJsonValue y = coordinates.at(i + 1);
            const QPoint point(x.toInt(-1), y.toInt(-1));
            if (!x.isDouble() || !y.isDouble() || point.x() < 0 || point.x() > Width || point.y() < 0 ||
                point.y() > Height)
                return std::nullopt;
            stroke.push_back(point);
        }
        out.strokes.push_back(std::move(stroke));
    }
    return out;
}

} // namespace fieldline::forms
