#pragma once

#include "FieldControl.h"

class QLabel;
class QPushButton;

namespace fieldline::ui {

class Attachments;
class SignaturePad;

/**
 * A signature field: a pad to sign on and a Clear button. The value is the strokes, and once the focus leaves the
 * pad also the name of the PNG drawn from them (forms::Signature), kept in @p attachments when there are any. A stored
 * value that is not a signature this version can read is shown as such and kept until the user signs again.
 */
class SignatureControl : public FieldControl
{
    Q_OBJECT

public:
    SignatureControl(const forms::FieldSpec &spec, Attachments *attachments, QWidget *parent);

    forms::FormValue value() const override { return m_value; }
    void setValue(const forms::FormValue &value) override;
    void setReadOnly(bool readOnly) override;
    SignaturePad *pad() const { return m_pad; }

private:
    void signed_();
    void keepPicture();

    Attachments *m_attachments;
    SignaturePad *m_pad;
    QPushButton *m_clear;
    QLabel *m_note;
    forms::FormValue m_value;
};

} // namespace fieldline::ui
