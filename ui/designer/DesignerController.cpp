#include "DesignerController.h"

#include "app/forms/Expression.h"
#include "app/forms/FieldValueJson.h"
#include "app/forms/LayoutReader.h"
#include "app/forms/LayoutWriter.h"
#include "app/forms/SampleData.h"
#include "ui/forms/FormController.h"
#include "ui/forms/FormView.h"

#include <QJsonValue>
#include <QPointer>

namespace fieldline::ui {

using forms::FieldAddress;
using forms::FieldSpec;
using forms::FormValue;
using forms::LayoutEdit;

namespace {

QString boundText(const FormValue &value)
{
    return value.isNull() ? QString() : forms::FieldValueJson::write(value).toVariant().toString();
}

/** A bound as typed: a number, a date, or (for times) text; the layout check says when it does not fit. */
FormValue boundValue(const QString &text)
{
    if (text.isEmpty())
        return {};
    if (const std::optional<forms::Decimal> number = forms::Decimal::parse(text))
        return FormValue::number(*number);
    const QDate date = QDate::fromString(text, Qt::ISODate);
    return date.isValid() ? FormValue::date(date) : FormValue::text(text);
}

const QString English = QStringLiteral("en");
const QString Chinese = QStringLiteral("zh_CN");

/** @p text with @p language set to @p value, or without that language when @p value is empty. */
forms::LocalText withText(const forms::LocalText &text, const QString &language, const QString &value)
{
    forms::LocalText out;
    for (auto it = text.texts().cbegin(); it != text.texts().cend(); ++it) {
        if (it.key() != language)
            out.set(it.key(), it.value());
    }
    if (!value.isEmpty())
        out.set(language, value);
    return out;
}

/** "value=Label|中文; ..." from options, and options from it (other languages' labels of values that stay kept). */
QString optionsText(const std::vector<forms::ChoiceOption> &options)
{
    QStringList parts;
    for (const forms::ChoiceOption &option : options) {
        const QString chinese = option.label.texts().value(Chinese);
        parts << option.value + u'=' + option.label.texts().value(English) +
                     (chinese.isEmpty() ? QString() : u'|' + chinese);
    }
    return parts.join(QStringLiteral("; "));
}

std::vector<forms::ChoiceOption> optionsFrom(const QString &text, const std::vector<forms::ChoiceOption> &before)
{
    std::vector<forms::ChoiceOption> out;
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        const QString value = part.section(u'=', 0, 0).trimmed();
        if (value.isEmpty())
            continue;
        const QString labels = part.contains(u'=') ? part.section(u'=', 1).trimmed() : value;
        forms::ChoiceOption option{value, {}};
        for (const forms::ChoiceOption &old : before) {
            if (old.value == value)
                option.label = old.label;
        }
        option.label = withText(option.label, English, labels.section(u'|', 0, 0).trimmed());
        option.label = withText(option.label, Chinese, labels.section(u'|', 1).trimmed());
        out.push_back(std::move(option));
    }
    return out;
}

/** A default as typed: "true"/"false" for a checkbox, "a, b" for a multi-choice, else read as the field's type. */
FormValue defaultFrom(const QString &text, const FieldSpec &field)
{
    if (text.isEmpty())
        return {};
    if (field.type == forms::FieldType::Checkbox)
        return FormValue::boolean(text == QLatin1String("true") || text == QLatin1String("yes"));
    if (field.type == forms::FieldType::MultiChoice) {
        FormValue::List items;
        for (const QString &item : text.split(u',', Qt::SkipEmptyParts))
            items.push_back(FormValue::text(item.trimmed()));
        return FormValue::list(std::move(items));
    }
    QString error;
    // What does not read as the field's type stays as text: the layout check then says what is wrong with it.
    return forms::FieldValueJson::read(QJsonValue(text), field.type, error).value_or(FormValue::text(text));
}

QString defaultText(const FormValue &value)
{
    if (value.type() == FormValue::Type::List) {
        QStringList items;
        for (const FormValue &item : value.toList())
            items << item.toText();
        return items.join(QStringLiteral(", "));
    }
    if (value.type() == FormValue::Type::Boolean)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return boundText(value);
}

/** The first of the field's expressions that does not parse, said with its name and position. */
QString expressionProblem(const FieldSpec &field)
{
    const std::pair<QString, const forms::LayoutExpression *> expressions[] = {
        {DesignerController::tr("Visible if"), &field.visibleIf},
        {DesignerController::tr("Required if"), &field.requiredIf},
        {DesignerController::tr("Constraint"), &field.constraint},
        {DesignerController::tr("Computed value"), &field.computed}};
    for (const auto &[name, expression] : expressions) {
        forms::ExpressionError error;
        if (!expression->source.isEmpty() && !forms::Expression::parse(expression->source, error))
            return DesignerController::tr("%1, at character %2: %3")
                .arg(name)
                .arg(error.position + 1)
                .arg(error.message);
    }
    return {};
}

} // namespace

DesignerController::DesignerController(DesignerWorkspace *view, Publish publish, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_publish(std::move(publish))
{
    connect(view, &DesignerWorkspace::addRequested, this, &DesignerController::add);
    connect(view, &DesignerWorkspace::removeRequested, this, &DesignerController::remove);
    connect(view, &DesignerWorkspace::moveRequested, this, &DesignerController::move);
    connect(view, &DesignerWorkspace::arranged, this, &DesignerController::arrange);
    connect(view, &DesignerWorkspace::currentChanged, this, &DesignerController::select);
    connect(view, &DesignerWorkspace::propertiesEdited, this, &DesignerController::editProperties);
    connect(view, &DesignerWorkspace::headerEdited, this, &DesignerController::editHeader);
    connect(view, &DesignerWorkspace::previewLanguageChanged, this, &DesignerController::recheck);
    connect(view, &DesignerWorkspace::publishRequested, this, &DesignerController::publish);
    connect(view, &DesignerWorkspace::startRequested, this, &DesignerController::startFrom);
    connect(view, &DesignerWorkspace::addSectionRequested, this, &DesignerController::addSection);
    connect(view, &DesignerWorkspace::removeSectionRequested, this, &DesignerController::removeSection);
    connect(view, &DesignerWorkspace::sectionTitleEdited, this, &DesignerController::renameSection);
    start(std::nullopt);
}

DesignerController::~DesignerController() = default;

void DesignerController::start(const std::optional<forms::Layout> &layout)
{
    if (layout) {
        m_layout = *layout;
        m_layout.version += 1;
    } else {
        m_layout = forms::Layout();
        m_layout.id = QStringLiteral("new-form");
        m_layout.version = 1;
        m_layout.title.set(QStringLiteral("en"), tr("New form"));
        forms::LayoutSection section;
        section.id = QStringLiteral("section_1");
        section.title.set(QStringLiteral("en"), tr("Section"));
        m_layout.sections.push_back(std::move(section));
        LayoutEdit::add(m_layout, forms::FieldType::Text, std::nullopt, tr("Name"));
    }
    m_current = FieldAddress{0, 0, -1};
    m_view->showHeader(m_layout.id, m_layout.version, m_layout.title.text(QStringLiteral("en")));
    changed();
}

QByteArray DesignerController::json() const
{
    return forms::LayoutWriter::write(m_layout);
}

void DesignerController::setPublished(const std::vector<formsync::LayoutRecord> &records)
{
    m_published.clear();
    QStringList names;
    for (const formsync::LayoutRecord &record : formsync::LayoutCatalog::newestOfEach(records)) {
        auto parsed = m_parsed.find(record.id);
        if (parsed == m_parsed.end()) {
            forms::LayoutReader::Result read = record.read();
            if (!read.layout)
                continue;
            parsed = m_parsed.emplace(record.id, std::move(*read.layout)).first;
        }
        m_published.push_back(parsed->second);
        names << tr("%1 (version %2)").arg(parsed->second.title.text(QStringLiteral("en"))).arg(record.version);
    }
    m_view->showStartingPoints(names);
}

void DesignerController::startFrom(int index)
{
    if (index <= 0 || index > int(m_published.size()))
        start(std::nullopt);
    else
        start(m_published[size_t(index - 1)]);
}

void DesignerController::addSection(int after)
{
    const int section = LayoutEdit::addSection(m_layout, after, tr("Section"));
    m_current.reset();
    changed();
    m_view->showSection(section, m_layout.sections[size_t(section)].title.text(QStringLiteral("en")));
}

void DesignerController::removeSection(int section)
{
    if (!LayoutEdit::removeSection(m_layout, section)) {
        m_view->showMessage(tr("Only an empty section can be removed: move or remove its fields first."));
        return;
    }
    m_current.reset();
    changed();
}

void DesignerController::renameSection(int section, const QString &title)
{
    if (section < 0 || section >= int(m_layout.sections.size()))
        return;
    m_layout.sections[size_t(section)].title.set(QStringLiteral("en"), title);
    m_view->showStructure(m_layout, m_current);
    recheck();
}

void DesignerController::add(forms::FieldType type)
{
    m_current = LayoutEdit::add(m_layout, type, m_current, tr("New field"), m_view->currentSection());
    changed();
}

void DesignerController::remove(const FieldAddress &at)
{
    if (!LayoutEdit::remove(m_layout, at))
        return;
    m_current.reset();
    changed();
}

void DesignerController::move(const FieldAddress &at, int delta)
{
    if (const std::optional<FieldAddress> moved = LayoutEdit::move(m_layout, at, delta)) {
        m_current = moved;
        changed();
    }
}

void DesignerController::arrange(const std::vector<LayoutEdit::SectionPlacement> &arrangement)
{
    if (std::optional<forms::Layout> arranged = LayoutEdit::arranged(m_layout, arrangement))
        m_layout = std::move(*arranged);
    else
        m_view->showMessage(tr("A field goes into a section, and only into a repeat group when it is not a group "
                               "itself; the move was undone."));
    m_current.reset();
    changed(); // also puts the tree back after a refused move
}

void DesignerController::select(const std::optional<FieldAddress> &at)
{
    m_current = at;
    const int section = at ? at->section : m_view->currentSection();
    m_view->showSection(section, section >= 0 && section < int(m_layout.sections.size())
                                     ? m_layout.sections[size_t(section)].title.text(QStringLiteral("en"))
                                     : QString());
    const FieldSpec *field = at ? LayoutEdit::field(m_layout, *at) : nullptr;
    if (!field) {
        m_view->showProperties(std::nullopt);
        return;
    }
    m_view->showProperties(DesignerWorkspace::Properties{
        field->id, fieldTypeName(field->type), field->label.texts().value(English), field->label.texts().value(Chinese),
        field->required, field->visibleIf.source, field->requiredIf.source, field->constraint.source,
        field->computed.source, boundText(field->minimum), boundText(field->maximum), optionsText(field->options),
        field->hint.texts().value(English), field->hint.texts().value(Chinese), field->patternSource,
        field->patternMessage.texts().value(English), field->constraintMessage.texts().value(English),
        defaultText(field->defaultValue)});
}

void DesignerController::editProperties(const DesignerWorkspace::Properties &properties)
{
    FieldSpec *field = m_current ? LayoutEdit::field(m_layout, *m_current) : nullptr;
    if (!field)
        return;
    const bool renamed = properties.id != field->id;
    if (renamed && (properties.id.isEmpty() || m_layout.field(properties.id))) {
        m_view->showMessage(
            tr("Another field already has the id %1, or it is empty; the id stays %2.").arg(properties.id, field->id));
        select(m_current);
        return;
    }
    field->id = properties.id;
    field->label = withText(withText(field->label, English, properties.labelEn), Chinese, properties.labelZh);
    field->hint = withText(withText(field->hint, English, properties.hintEn), Chinese, properties.hintZh);
    field->patternSource = properties.pattern.trimmed();
    field->pattern = field->patternSource.isEmpty()
                         ? std::nullopt
                         : std::optional<QRegularExpression>(QRegularExpression(field->patternSource));
    field->patternMessage = withText(field->patternMessage, English, properties.patternMessage);
    field->constraintMessage = withText(field->constraintMessage, English, properties.constraintMessage);
    field->defaultValue = defaultFrom(properties.defaultValue, *field);
    field->required = properties.required;
    field->visibleIf.source = properties.visibleIf.trimmed();
    field->requiredIf.source = properties.requiredIf.trimmed();
    field->constraint.source = properties.constraint.trimmed();
    field->computed.source = properties.computed.trimmed();
    field->minimum = boundValue(properties.min);
    field->maximum = boundValue(properties.max);
    field->options = optionsFrom(properties.options, field->options);
    m_view->showExpressionProblem(expressionProblem(*field));
    if (renamed)
        m_view->showStructure(m_layout, m_current);
    recheck();
}

void DesignerController::editHeader(const QString &form, int version, const QString &title)
{
    m_layout.id = form;
    m_layout.version = version;
    m_layout.title.set(QStringLiteral("en"), title);
    recheck();
}

void DesignerController::changed()
{
    m_view->showStructure(m_layout, m_current);
    select(m_current);
    recheck();
}

void DesignerController::recheck()
{
    // The layout is checked as the server will check it: written, then read in publish mode.
    forms::LayoutReader::Result read = forms::LayoutReader::read(json(), forms::LayoutJson::Mode::Publish);
    m_valid = read.layout.has_value();
    if (!m_valid) {
        m_view->showCheck(forms::LayoutJson::describe(read.problems), nullptr);
        return;
    }
    auto layout = std::make_unique<forms::Layout>(std::move(*read.layout));
    auto *preview = new FormView(*layout, m_view->previewLanguage());
    auto *controller = new FormController(
        *layout, preview, [] { return QDateTime::currentDateTime(); }, preview);
    // Sample values, so the preview shows what filled-in fields look like in the language chosen.
    controller->setData(forms::SampleData::of(*layout, m_view->previewLanguage(), QDateTime::currentDateTime()));
    m_view->showCheck(QString(), preview); // deletes the old preview first
    m_previewLayout = std::move(layout);
}

void DesignerController::publish()
{
    if (!m_valid) {
        m_view->showMessage(tr("The layout has problems (listed under the preview); fix them, then publish."));
        return;
    }
    m_view->showMessage(tr("Publishing version %1 of %2...").arg(m_layout.version).arg(m_layout.id));
    m_publish(json(), [view = QPointer<DesignerWorkspace>(m_view)](bool published, const QString &message) {
        if (view)
            view->showMessage(message);
        Q_UNUSED(published)
    });
}

} // namespace fieldline::ui
