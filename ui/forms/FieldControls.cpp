#include "FieldControls.h"

#include "app/forms/FieldValueJson.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QVBoxLayout>

namespace fieldline::ui {

using forms::FieldType;
using forms::FormValue;

namespace {

QString placeholderFor(FieldType type)
{
    switch (type) {
    case FieldType::Date:
        return LineControl::tr("YYYY-MM-DD");
    case FieldType::Time:
        return LineControl::tr("HH:MM");
    case FieldType::DateTime:
        return LineControl::tr("YYYY-MM-DDTHH:MM+08:00");
    case FieldType::Barcode:
        return LineControl::tr("Scan or type the code");
    default:
        return {};
    }
}

/** The text a value shows as in a one-line editor: what FieldValueJson writes, so it reads back the same. */
QString editText(const FormValue &value)
{
    return value.isNull() ? QString() : forms::FieldValueJson::write(value).toVariant().toString();
}

} // namespace

LineControl::LineControl(const forms::FieldSpec &spec, QWidget *parent)
    : FieldControl(spec, new QLineEdit(parent))
    , m_edit(static_cast<QLineEdit *>(widget()))
{
    m_edit->setPlaceholderText(placeholderFor(spec.type));
    if (spec.type == FieldType::Integer || spec.type == FieldType::Decimal)
        m_edit->setAlignment(Qt::AlignRight);
    connect(m_edit, &QLineEdit::textEdited, this, &LineControl::userEdited);
    connect(m_edit, &QLineEdit::returnPressed, m_edit, [edit = m_edit] {
        QKeyEvent tab(QEvent::KeyPress, Qt::Key_Tab, Qt::NoModifier);
        QCoreApplication::sendEvent(edit, &tab);
    });
}

FormValue LineControl::value() const
{
    QString error;
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return {};
    return forms::FieldValueJson::read(QJsonValue(text), spec().type, error).value_or(FormValue());
}

void LineControl::setValue(const FormValue &value)
{
    QString text = editText(value);
    // A decimal with fixed places shows all of them (2.50 for a price), which reads back as the same number.
    if (spec().type == FieldType::Decimal && spec().places > 0 && !text.isEmpty()) {
        const qsizetype point = text.indexOf(u'.');
        const qsizetype shown = point < 0 ? 0 : text.size() - point - 1;
        if (shown < spec().places)
            text += (point < 0 ? QStringLiteral(".") : QString()) + QString(spec().places - shown, u'0');
    }
    quietly([&] { m_edit->setText(text); });
}

QString LineControl::parseError() const
{
    QString error;
    const QString text = m_edit->text().trimmed();
    if (!text.isEmpty())
        (void)forms::FieldValueJson::read(QJsonValue(text), spec().type, error);
    return error;
}

MultilineControl::MultilineControl(const forms::FieldSpec &spec, QWidget *parent)
    : FieldControl(spec, new QPlainTextEdit(parent))
    , m_edit(static_cast<QPlainTextEdit *>(widget()))
{
    m_edit->setTabChangesFocus(true);
    m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * 4 + 12);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &MultilineControl::userEdited);
}

FormValue MultilineControl::value() const
{
    const QString text = m_edit->toPlainText();
    return text.trimmed().isEmpty() ? FormValue() : FormValue::text(text);
}

void MultilineControl::setValue(const FormValue &value)
{
    quietly([&] { m_edit->setPlainText(value.toText()); });
}

ChoiceControl::ChoiceControl(const forms::FieldSpec &spec, const QString &language, QWidget *parent)
    : FieldControl(spec, new QComboBox(parent))
    , m_box(static_cast<QComboBox *>(widget()))
{
    m_box->addItem(QString());
    if (spec.type == FieldType::Rating) {
        const qint64 top = spec.maximum.toNumber().toInt64().value_or(5);
        for (qint64 stars = spec.minimum.toNumber().toInt64().value_or(1); stars <= top; ++stars)
            m_box->addItem(QString(int(stars), QChar(0x2605)), QString::number(stars));
    } else {
        for (const forms::ChoiceOption &option : spec.options)
            m_box->addItem(option.label.text(language), option.value);
    }
    connect(m_box, &QComboBox::activated, this, &ChoiceControl::userEdited);
}

FormValue ChoiceControl::value() const
{
    const QString chosen = m_box->currentData().toString();
    if (chosen.isEmpty())
        return {};
    if (spec().type == FieldType::Rating)
        return FormValue::number(forms::Decimal::fromInt(chosen.toLongLong()));
    return FormValue::text(chosen);
}

void ChoiceControl::setValue(const FormValue &value)
{
    const QString data = value.type() == FormValue::Type::Number ? value.toNumber().toString() : value.toText();
    quietly([&] { m_box->setCurrentIndex(value.isNull() ? 0 : std::max(0, m_box->findData(data))); });
}

MultiChoiceControl::MultiChoiceControl(const forms::FieldSpec &spec, const QString &language, QWidget *parent)
    : FieldControl(spec, new QWidget(parent))
{
    auto *layout = new QVBoxLayout(widget());
    layout->setContentsMargins(0, 0, 0, 0);
    for (const forms::ChoiceOption &option : spec.options) {
        auto *box = new QCheckBox(option.label.text(language), widget());
        box->setProperty("optionValue", option.value);
        connect(box, &QCheckBox::clicked, this, &MultiChoiceControl::userEdited);
        layout->addWidget(box);
        m_boxes.push_back(box);
    }
    widget()->setFocusProxy(m_boxes.empty() ? nullptr : m_boxes.front());
}

FormValue MultiChoiceControl::value() const
{
    FormValue::List chosen;
    for (const QCheckBox *box : m_boxes) {
        if (box->isChecked())
            chosen.push_back(FormValue::text(box->property("optionValue").toString()));
    }
    return chosen.empty() ? FormValue() : FormValue::list(std::move(chosen));
}

void MultiChoiceControl::setValue(const FormValue &value)
{
    quietly([&] {
        for (QCheckBox *box : m_boxes) {
            const FormValue option = FormValue::text(box->property("optionValue").toString());
            const FormValue::List &chosen = value.toList();
            box->setChecked(std::find(chosen.cbegin(), chosen.cend(), option) != chosen.cend());
        }
    });
}

void MultiChoiceControl::setReadOnly(bool readOnly)
{
    for (QCheckBox *box : m_boxes)
        box->setEnabled(!readOnly);
}

CheckControl::CheckControl(const forms::FieldSpec &spec, const QString &language, QWidget *parent)
    : FieldControl(spec, new QCheckBox(parent))
    , m_box(static_cast<QCheckBox *>(widget()))
{
    m_box->setText(spec.label.text(language));
    connect(m_box, &QCheckBox::clicked, this, &CheckControl::userEdited);
}

FormValue CheckControl::value() const
{
    return FormValue::boolean(m_box->isChecked());
}

void CheckControl::setValue(const FormValue &value)
{
    quietly([&] { m_box->setChecked(value.toBool()); });
}

UnsupportedControl::UnsupportedControl(const forms::FieldSpec &spec, QWidget *parent)
    : FieldControl(spec, new QLabel(parent))
{
    auto *label = static_cast<QLabel *>(widget());
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setText(tr("This version of Fieldline cannot edit a field of type '%1'; its value is kept as it is.")
                       .arg(spec.typeName));
}

} // namespace fieldline::ui
