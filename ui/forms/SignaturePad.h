#pragma once

#include "app/forms/Signature.h"

#include <QWidget>

namespace fieldline::ui {

/**
 * A surface to sign on with a mouse, a pen or a finger (pens and touch arrive as mouse events). Strokes are kept
 * in the Signature box, so the same signature comes back at any size. From the keyboard, typing a name signs with
 * the outline of its letters (Backspace takes the last letter back); Delete clears; Tab and Enter move on like in
 * every other field.
 */
class SignaturePad : public QWidget
{
    Q_OBJECT

public:
    explicit SignaturePad(QWidget *parent = nullptr);

    const forms::Signature &signature() const { return m_signature; }
    void setSignature(const forms::Signature &signature);
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

    /** Strokes that write @p name in the box: the outlines of its letters, within the point limit. */
    static forms::Signature typed(const QString &name, const QFont &font);
    /** The signature drawn black on transparent, 500 x 200 pixels, as PNG bytes. */
    static QByteArray renderPng(const forms::Signature &signature);

    QSize sizeHint() const override { return {500, 200}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width * forms::Signature::Height / forms::Signature::Width; }

signals:
    /** A stroke was finished, or the signature cleared. */
    void signatureChanged();
    /** The focus left the pad after the signature changed: the moment to draw its picture once. */
    void signingFinished();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    QPoint toBox(const QPointF &position) const;
    bool addPoint(const QPointF &position);

    forms::Signature m_signature;
    bool m_drawing = false;
    bool m_changedSinceFinished = false;
    QString m_typed; ///< the name typed on the keyboard, while the signature is a typed one
    bool m_readOnly = false;
};

} // namespace fieldline::ui
