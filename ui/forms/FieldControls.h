#pragma once

#include "FieldControl.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

#include <vector>

namespace fieldline::ui {

/** One line of text for texts, numbers, dates, times, phones, emails and barcodes; the text is parsed by type. */
class LineControl : public FieldControl
{
    Q_OBJECT

public:
    LineControl(const forms::FieldSpec &spec, QWidget *parent);
    forms::FormValue value() const override;
    void setValue(const forms::FormValue &value) override;
    QString parseError() const override;
    void setReadOnly(bool readOnly) override { m_edit->setReadOnly(readOnly); }

private:
    QLineEdit *m_edit;
};

class MultilineControl : public FieldControl
{
    Q_OBJECT

public:
    MultilineControl(const forms::FieldSpec &spec, QWidget *parent);
    forms::FormValue value() const override;
    void setValue(const forms::FormValue &value) override;
    void setReadOnly(bool readOnly) override { m_edit->setReadOnly(readOnly); }

private:
    QPlainTextEdit *m_edit;
};

/** A drop-down for a choice (the options) or a rating (1 to its maximum, shown as stars); the first item is empty. */
class ChoiceControl : public FieldControl
{
    Q_OBJECT

public:
    ChoiceControl(const forms::FieldSpec &spec, const QString &language, QWidget *parent);
    forms::FormValue value() const override;
    void setValue(const forms::FormValue &value) override;
    void setReadOnly(bool readOnly) override { m_box->setEnabled(!readOnly); }

private:
    QComboBox *m_box;
};

/** A check box per option. */
class MultiChoiceControl : public FieldControl
{
    Q_OBJECT

public:
    MultiChoiceControl(const forms::FieldSpec &spec, const QString &language, QWidget *parent);
    forms::FormValue value() const override;
    void setValue(const forms::FormValue &value) override;
    void setReadOnly(bool readOnly) override;

private:
    std::vector<QCheckBox *> m_boxes;
};

class CheckControl : public FieldControl
{
    Q_OBJECT

public:
    CheckControl(const forms::FieldSpec &spec, const QString &language, QWidget *parent);
    forms::FormValue value() const override;
    void setValue(const forms::FormValue &value) override;
    void setReadOnly(bool readOnly) override { m_box->setEnabled(!readOnly); }

private:
    QCheckBox *m_box;
};

/** A field this version cannot edit: says so, and keeps the value it was given untouched. */
class UnsupportedControl : public FieldControl
{
    Q_OBJECT

public:
    UnsupportedControl(const forms::FieldSpec &spec, QWidget *parent);
    forms::FormValue value() const override { return m_value; }
    void setValue(const forms::FormValue &value) override { m_value = value; }
    void setReadOnly(bool) override {}

private:
    forms::FormValue m_value;
};

} // namespace fieldline::ui
