#pragma once

#include "app/forms/Layout.h"

#include <QObject>
#include <QWidget>

#include <memory>

namespace fieldline::ui {

class Attachments;

/**
 * The native editor of one form field: a widget that shows and edits a FormValue. Enter in a one-line editor
 * moves on to the next field, so a form fills from the keyboard (and a barcode scanner that types a code and
 * Enter lands in the next field).
 */
class FieldControl : public QObject
{
    Q_OBJECT

public:
    /**
     * The control for @p spec with its texts in @p language; an unknown type gets a read-only "unsupported" one.
     * Signatures and photos keep their pictures in @p attachments (none: photos cannot be added).
     */
    static std::unique_ptr<FieldControl> create(const forms::FieldSpec &spec, const QString &language,
                                                Attachments *attachments, QWidget *parent);

    QWidget *widget() const { return m_widget; }
    /** The value shown; text that does not parse as the field's type is reported by parseError(). */
    virtual forms::FormValue value() const = 0;
    virtual void setValue(const forms::FormValue &value) = 0;
    /** Why the text typed cannot be the field's value ("Expected a whole number."), or an empty text. */
    virtual QString parseError() const { return {}; }
    virtual void setReadOnly(bool readOnly) = 0;

signals:
    /** The user changed the value (not emitted by setValue). */
    void edited();

protected:
    FieldControl(const forms::FieldSpec &spec, QWidget *widget);
    const forms::FieldSpec &spec() const { return m_spec; }
    /** Emits edited() unless the change comes from setValue. */
    void userEdited();
    /** Runs @p apply without reporting it as the user's edit. */
    template <typename F> void quietly(F apply)
    {
        m_quiet = true;
        apply();
        m_quiet = false;
    }

private:
    const forms::FieldSpec &m_spec;
    QWidget *m_widget;
    bool m_quiet = false;
};

} // namespace fieldline::ui
