#include "SignaturePad.h"

#include <QBuffer>
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTransform>

#include <algorithm>

namespace fieldline::ui {

using forms::Signature;

namespace {

/** Points closer than this (in box units) add nothing visible, and would only use up the point budget. */
constexpr int MinStep = 3;

void drawStrokes(QPainter &painter, const Signature &signature, const QRectF &target, qreal penWidth)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::black, penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    const qreal sx = target.width() / Signature::Width;
    const qreal sy = target.height() / Signature::Height;
    for (const Signature::Stroke &stroke : signature.strokes) {
        QPainterPath path(QPointF(target.left() + stroke.front().x() * sx, target.top() + stroke.front().y() * sy));
        for (size_t i = 1; i < stroke.size(); ++i)
            path.lineTo(target.left() + stroke[i].x() * sx, target.top() + stroke[i].y() * sy);
        if (stroke.size() == 1)
            painter.drawPoint(path.currentPosition());
        else
            painter.drawPath(path);
    }
}

} // namespace

SignaturePad::SignaturePad(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_StaticContents);
    setMinimumSize(250, 100);
    setMaximumHeight(240);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setCursor(Qt::CrossCursor);
}

void SignaturePad::setSignature(const Signature &signature)
{
    m_signature = signature;
    m_drawing = false;
    m_typed.clear();
    update();
}

Signature SignaturePad::typed(const QString &name, const QFont &font)
{
    Signature out;
    if (name.trimmed().isEmpty())
        return out;
    QPainterPath path;
    path.addText(0, 0, font, name);
    const QRectF bounds = path.boundingRect();
    if (bounds.isEmpty())
        return out;
    // Fitted into the box with a margin, keeping the letters' proportions.
    const qreal scale =
        std::min((Signature::Width - 100) / bounds.width(), (Signature::Height - 100) / bounds.height());
    QTransform transform;
    transform.translate((Signature::Width - bounds.width() * scale) / 2,
                        (Signature::Height - bounds.height() * scale) / 2);
    transform.scale(scale, scale);
    transform.translate(-bounds.left(), -bounds.top());
    const QList<QPolygonF> outlines = path.toSubpathPolygons(transform);
    int total = 0;
    for (const QPolygonF &outline : outlines)
        total += int(outline.size());
    // Every n-th point when the outlines have more than the limit allows.
    const int step = std::max(1, (total + Signature::MaxPoints - 1) / Signature::MaxPoints);
    for (const QPolygonF &outline : outlines) {
        if (int(out.strokes.size()) == Signature::MaxStrokes)
            break;
        Signature::Stroke stroke;
        for (qsizetype i = 0; i < outline.size(); i += step)
            stroke.push_back({qBound(0, qRound(outline[i].x()), Signature::Width),
                              qBound(0, qRound(outline[i].y()), Signature::Height)});
        if (!stroke.empty() && out.pointCount() + int(stroke.size()) <= Signature::MaxPoints)
            out.strokes.push_back(std::move(stroke));
    }
    return out;
}

QByteArray SignaturePad::renderPng(const Signature &signature)
{
    QImage image(500, 200, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        drawStrokes(painter, signature, QRectF(0, 0, image.width(), image.height()), 2.5);
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

void SignaturePad::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF box = rect().adjusted(1, 1, -1, -1);
    painter.fillRect(box, palette().color(QPalette::Base));
    painter.setPen(QPen(hasFocus() ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid), 1));
    painter.drawRect(box);
    // A baseline to sign on.
    painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    const qreal baseline = box.top() + box.height() * 0.75;
    painter.drawLine(QPointF(box.left() + 12, baseline), QPointF(box.right() - 12, baseline));
    drawStrokes(painter, m_signature, box, 2.0);
}

QPoint SignaturePad::toBox(const QPointF &position) const
{
    const qreal x = position.x() * Signature::Width / qMax(1, width());
    const qreal y = position.y() * Signature::Height / qMax(1, height());
    return {qBound(0, qRound(x), Signature::Width), qBound(0, qRound(y), Signature::Height)};
}

bool SignaturePad::addPoint(const QPointF &position)
{
    if (m_signature.pointCount() >= Signature::MaxPoints || m_signature.strokes.empty())
        return false;
    const QPoint point = toBox(position);
    Signature::Stroke &stroke = m_signature.strokes.back();
    if (!stroke.empty() && (point - stroke.back()).manhattanLength() < MinStep)
        return false;
    stroke.push_back(point);
    return true;
}

void SignaturePad::mousePressEvent(QMouseEvent *event)
{
    m_typed.clear(); // a drawn stroke makes it a drawn signature
    if (m_readOnly || event->button() != Qt::LeftButton || int(m_signature.strokes.size()) >= Signature::MaxStrokes)
        return;
    setFocus(Qt::MouseFocusReason);
    m_signature.strokes.emplace_back();
    m_drawing = addPoint(event->position());
    if (!m_drawing)
        m_signature.strokes.pop_back();
    update();
}

void SignaturePad::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drawing && addPoint(event->position()))
        update();
}

void SignaturePad::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_drawing || event->button() != Qt::LeftButton)
        return;
    addPoint(event->position());
    m_drawing = false;
    m_changedSinceFinished = true;
    update();
    emit signatureChanged();
}

void SignaturePad::focusOutEvent(QFocusEvent *event)
{
    QWidget::focusOutEvent(event);
    if (m_changedSinceFinished) {
        m_changedSinceFinished = false;
        emit signingFinished();
    }
}

void SignaturePad::keyPressEvent(QKeyEvent *event)
{
    const bool takeBack = event->key() == Qt::Key_Backspace && !m_typed.isEmpty();
    const QString text = event->text();
    const bool letter = !text.isEmpty() && text.at(0).isPrint() && !(event->modifiers() & ~Qt::ShiftModifier);
    if (!m_readOnly && (letter || takeBack)) {
        // Signing from the keyboard: the typed name, drawn as the outline of its letters.
        const QString name = takeBack ? m_typed.chopped(1) : m_typed + text;
        QFont font = this->font();
        font.setItalic(true);
        m_signature = typed(name, font);
        m_typed = name;
        m_changedSinceFinished = true;
        update();
        emit signatureChanged();
        return;
    }
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && !m_readOnly) {
        // Also on an empty pad: it clears a stored signature this version could not show.
        setSignature({});
        emit signatureChanged();
        return;
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        focusNextChild();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace fieldline::ui
