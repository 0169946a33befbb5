#include "FieldControl.h"

#include "FieldControls.h"
#include "PhotoControl.h"
#include "SignatureControl.h"

namespace fieldline::ui {

using forms::FieldType;

FieldControl::FieldControl(const forms::FieldSpec &spec, QWidget *widget)
    : m_spec(spec)
    , m_widget(widget)
{}

void FieldControl::userEdited()
{
    if (!m_quiet)
        emit edited();
}

std::unique_ptr<FieldControl> FieldControl::create(const forms::FieldSpec &spec, const QString &language,
                                                   Attachments *attachments, QWidget *parent)
{
    std::unique_ptr<FieldControl> control;
    switch (spec.type) {
    case FieldType::Multiline:
        control = std::make_unique<MultilineControl>(spec, parent);
        break;
    case FieldType::Choice:
    case FieldType::Rating:
        control = std::make_unique<ChoiceControl>(spec, language, parent);
        break;
    case FieldType::MultiChoice:
        control = std::make_unique<MultiChoiceControl>(spec, language, parent);
        break;
    case FieldType::Checkbox:
        control = std::make_unique<CheckControl>(spec, language, parent);
        break;
    case FieldType::Signature:
        control = std::make_unique<SignatureControl>(spec, attachments, parent);
        break;
    case FieldType::Photo:
        control = std::make_unique<PhotoControl>(spec, attachments, parent);
        break;
    case FieldType::Group:
    case FieldType::Unsupported:
        control = std::make_unique<UnsupportedControl>(spec, parent);
        break;
    case FieldType::Text:
    case FieldType::Integer:
    case FieldType::Decimal:
    case FieldType::Date:
    case FieldType::Time:
    case FieldType::DateTime:
    case FieldType::Phone:
    case FieldType::Email:
    case FieldType::Barcode:
        control = std::make_unique<LineControl>(spec, parent);
        break;
    }
    control->widget()->setAccessibleName(spec.label.text(language));
    return control;
}

} // namespace fieldline::ui
