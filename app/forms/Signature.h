#pragma once

#include <QPoint>
#include <QString>

#include <optional>
#include <vector>

namespace fieldline::forms {

/**
 * A handwritten signature as a signature field stores it: the strokes, in a 1000 x 400 box whatever size the pad
 * had, and the name of the PNG drawn from them (a content-addressed attachment), as the JSON text
 * {"strokes": [[x, y, x, y, ...], ...], "png": "<BLAKE2b hex>"}. The strokes stay exact for any later rendering;
 * the PNG is what a report or a printout shows.
 */
struct Signature
{
    static constexpr int Width = 1000;
    static constexpr int Height = 400;
    /// Points over all strokes: a signature is a few hundred; the stored text stays under the text limit.
    static constexpr int MaxPoints = 2000;
    static constexpr int MaxStrokes = 200;

    using Stroke = std::vector<QPoint>;
    std::vector<Stroke> strokes;
    QString png;

    bool isEmpty() const { return strokes.empty(); }
    int pointCount() const;

    QString toText() const;
    /** Nullopt for text that is not a signature: not this JSON, points outside the box, over the limits. */
    static std::optional<Signature> fromText(const QString &text);

    bool operator==(const Signature &) const = default;
};

} // namespace fieldline::forms
