#include "SignatureControl.h"

#include "Attachments.h"
#include "SignaturePad.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fieldline::ui {

using forms::FormValue;
using forms::Signature;

SignatureControl::SignatureControl(const forms::FieldSpec &spec, Attachments *attachments, QWidget *parent)
    : FieldControl(spec, new QWidget(parent))
    , m_attachments(attachments)
    , m_pad(new SignaturePad)
    , m_clear(new QPushButton(tr("Clear signature")))
    , m_note(new QLabel)
{
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_clear);
    auto *column = new QVBoxLayout(widget());
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_pad);
    column->addLayout(buttons);
    column->addWidget(m_note);
    widget()->setFocusProxy(m_pad);
    m_pad->setObjectName(QStringLiteral("signaturePad_") + spec.id);
    connect(m_pad, &SignaturePad::signatureChanged, this, &SignatureControl::signed_);
    connect(m_pad, &SignaturePad::signingFinished, this, &SignatureControl::keepPicture);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_pad->setSignature({});
        signed_();
    });
}

void SignatureControl::setValue(const FormValue &value)
{
    m_value = value;
    const std::optional<Signature> signature =
        value.isNull() ? std::optional<Signature>(Signature()) : Signature::fromText(value.toText());
    m_pad->setSignature(signature.value_or(Signature()));
    m_note->setVisible(!signature);
    if (!signature)
        m_note->setText(tr("This signature cannot be shown; it is kept as it is until someone signs again."));
}

void SignatureControl::setReadOnly(bool readOnly)
{
    m_pad->setReadOnly(readOnly);
    m_clear->setEnabled(!readOnly);
}

void SignatureControl::signed_()
{
    // The strokes at once; the picture once signing is finished (keepPicture), not one per stroke.
    const Signature signature = m_pad->signature();
    m_note->hide();
    m_value = signature.isEmpty() ? FormValue() : FormValue::text(signature.toText());
    userEdited();
}

void SignatureControl::keepPicture()
{
    Signature signature = m_pad->signature();
    if (signature.isEmpty() || !m_attachments)
        return;
    QString error;
    const std::optional<QString> png = m_attachments->keep(SignaturePad::renderPng(signature), error);
    if (!png) {
        m_note->setText(tr("The picture of the signature could not be kept (%1); the strokes are.").arg(error));
        m_note->show();
        return;
    }
    signature.png = *png;
    m_value = FormValue::text(signature.toText());
    userEdited();
}

} // namespace fieldline::ui
