#include "DesignerWorkspace.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fieldline::ui {

using forms::FieldAddress;
using forms::FieldType;

namespace {

enum Role { IdRole = Qt::UserRole, IsSectionRole };

/** The field types a designer offers, in palette order, with what people call them. */
std::vector<std::pair<FieldType, QString>> paletteTypes()
{
    return {{FieldType::Text, DesignerWorkspace::tr("Text")},
            {FieldType::Multiline, DesignerWorkspace::tr("Multiline text")},
            {FieldType::Integer, DesignerWorkspace::tr("Whole number")},
            {FieldType::Decimal, DesignerWorkspace::tr("Decimal number")},
            {FieldType::Date, DesignerWorkspace::tr("Date")},
            {FieldType::Time, DesignerWorkspace::tr("Time")},
            {FieldType::DateTime, DesignerWorkspace::tr("Date and time")},
            {FieldType::Choice, DesignerWorkspace::tr("Choice")},
            {FieldType::MultiChoice, DesignerWorkspace::tr("Multiple choice")},
            {FieldType::Checkbox, DesignerWorkspace::tr("Checkbox")},
            {FieldType::Phone, DesignerWorkspace::tr("Phone")},
            {FieldType::Email, DesignerWorkspace::tr("Email")},
            {FieldType::Rating, DesignerWorkspace::tr("Rating")},
            {FieldType::Barcode, DesignerWorkspace::tr("Barcode")},
            {FieldType::Photo, DesignerWorkspace::tr("Photos")},
            {FieldType::Signature, DesignerWorkspace::tr("Signature")},
            {FieldType::Group, DesignerWorkspace::tr("Repeat group")}};
}

/** A caption whose text (marked for translation, translated in retranslateUi) it keeps with it. */
QLabel *caption(QList<std::pair<QLabel *, const char *>> &captions, const char *text)
{
    auto *label = new QLabel;
    captions.append({label, text});
    return label;
}

} // namespace

DesignerWorkspace::DesignerWorkspace(QWidget *parent)
    : Workspace(parent)
    , m_start(new QComboBox)
    , m_form(new QLineEdit)
    , m_version(new QSpinBox)
    , m_title(new QLineEdit)
    , m_palette(new QListWidget)
    , m_structure(new QTreeWidget)
    , m_id(new QLineEdit)
    , m_type(new QLabel)
    , m_labelEn(new QLineEdit)
    , m_labelZh(new QLineEdit)
    , m_required(new QCheckBox)
    , m_visibleIf(new QLineEdit)
    , m_requiredIf(new QLineEdit)
    , m_constraint(new QLineEdit)
    , m_computed(new QLineEdit)
    , m_options(new QLineEdit)
    , m_hintEn(new QLineEdit)
    , m_hintZh(new QLineEdit)
    , m_pattern(new QLineEdit)
    , m_patternMessage(new QLineEdit)
    , m_constraintMessage(new QLineEdit)
    , m_default(new QLineEdit)
    , m_expressionProblem(new QLabel)
    , m_min(new QLineEdit)
    , m_max(new QLineEdit)
    , m_properties(new QWidget)
    , m_sectionTitle(new QLineEdit)
    , m_addSection(new QPushButton)
    , m_language(new QComboBox)
    , m_previewHolder(new QWidget)
    , m_problems(new QLabel)
    , m_publish(new QPushButton)
    , m_message(new QLabel)
{
    m_palette->setObjectName(QStringLiteral("designerPalette"));
    m_structure->setObjectName(QStringLiteral("designerStructure"));
    m_visibleIf->setObjectName(QStringLiteral("designerVisibleIf"));
    m_labelEn->setObjectName(QStringLiteral("designerLabelEn"));
    m_labelZh->setObjectName(QStringLiteral("designerLabelZh"));
    m_required->setObjectName(QStringLiteral("designerRequired"));
    m_id->setObjectName(QStringLiteral("designerId"));
    m_problems->setObjectName(QStringLiteral("designerProblems"));
    m_language->setObjectName(QStringLiteral("designerPreviewLanguage"));
    m_version->setRange(1, 1'000'000);
    m_palette->setMaximumWidth(180);
    m_structure->setHeaderHidden(true);
    m_structure->setDragDropMode(QAbstractItemView::InternalMove);
    m_structure->setDefaultDropAction(Qt::MoveAction);
    m_structure->installEventFilter(this);
    m_structure->viewport()->installEventFilter(this);
    for (QLabel *label : {m_expressionProblem, m_problems, m_message}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
    }
    m_expressionProblem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problems->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    auto *publish = new QAction(this);
    publish->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    publish->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(publish);

    m_start->setObjectName(QStringLiteral("designerStart"));
    auto *header = new QHBoxLayout;
    header->addWidget(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Start from")));
    header->addWidget(m_start);
    header->addWidget(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Form")));
    header->addWidget(m_form, 1);
    header->addWidget(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Version")));
    header->addWidget(m_version);
    header->addWidget(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Title")));
    header->addWidget(m_title, 2);
    header->addWidget(m_publish);

    auto *properties = new QFormLayout(m_properties);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Id")), m_id);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Type")), m_type);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Label")), m_labelEn);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Label (Chinese)")),
                       m_labelZh);
    properties->addRow(QString(), m_required);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Visible if")),
                       m_visibleIf);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Required if")),
                       m_requiredIf);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Constraint")),
                       m_constraint);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Computed value")),
                       m_computed);
    properties->addRow(QString(), m_expressionProblem);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Minimum")), m_min);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Maximum")), m_max);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Options")),
                       m_options);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Hint")), m_hintEn);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Hint (Chinese)")),
                       m_hintZh);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Pattern")),
                       m_pattern);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Pattern message")),
                       m_patternMessage);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Constraint message")),
                       m_constraintMessage);
    properties->addRow(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Default")),
                       m_default);

    auto *previewColumn = new QWidget;
    auto *preview = new QVBoxLayout(previewColumn);
    auto *languageRow = new QHBoxLayout;
    languageRow->addWidget(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Preview in")));
    languageRow->addWidget(m_language);
    languageRow->addStretch();
    preview->addLayout(languageRow);
    new QVBoxLayout(m_previewHolder);
    m_previewHolder->layout()->setContentsMargins(0, 0, 0, 0);
    preview->addWidget(m_previewHolder, 1);
    preview->addWidget(m_problems);

    auto *middle = new QWidget;
    auto *middleColumn = new QVBoxLayout(middle);
    m_sectionTitle->setObjectName(QStringLiteral("designerSectionTitle"));
    m_addSection->setObjectName(QStringLiteral("designerAddSection"));
    auto *sectionRow = new QHBoxLayout;
    sectionRow->addWidget(caption(m_captions, QT_TRANSLATE_NOOP("fieldline::ui::DesignerWorkspace", "Section")));
    sectionRow->addWidget(m_sectionTitle, 1);
    sectionRow->addWidget(m_addSection);
    middleColumn->addWidget(m_structure, 1);
    middleColumn->addLayout(sectionRow);
    // The properties scroll on their own, so the structure keeps its room on small screens.
    auto *propertiesScroll = new QScrollArea;
    propertiesScroll->setWidgetResizable(true);
    propertiesScroll->setFrameShape(QFrame::NoFrame);
    propertiesScroll->setWidget(m_properties);
    middleColumn->addWidget(propertiesScroll, 1);

    auto *splitter = new QSplitter;
    splitter->addWidget(m_palette);
    splitter->addWidget(middle);
    splitter->addWidget(previewColumn);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 2);
    auto *column = new QVBoxLayout(this);
    column->addLayout(header);
    column->addWidget(splitter, 1);
    column->addWidget(m_message);

    for (const auto &[type, name] : paletteTypes()) {
        auto *item = new QListWidgetItem(name, m_palette);
        item->setData(Qt::UserRole, int(type));
    }
    connect(m_palette, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit addRequested(FieldType(item->data(Qt::UserRole).toInt())); });
    connect(m_structure, &QTreeWidget::currentItemChanged, this, [this] {
        if (!m_filling)
            emit currentChanged(current());
    });
    m_requiredIf->setObjectName(QStringLiteral("designerRequiredIf"));
    m_constraint->setObjectName(QStringLiteral("designerConstraint"));
    m_computed->setObjectName(QStringLiteral("designerComputed"));
    m_options->setObjectName(QStringLiteral("designerOptions"));
    m_hintEn->setObjectName(QStringLiteral("designerHintEn"));
    m_hintZh->setObjectName(QStringLiteral("designerHintZh"));
    m_pattern->setObjectName(QStringLiteral("designerPattern"));
    m_patternMessage->setObjectName(QStringLiteral("designerPatternMessage"));
    m_constraintMessage->setObjectName(QStringLiteral("designerConstraintMessage"));
    m_default->setObjectName(QStringLiteral("designerDefault"));
    for (QLineEdit *edit : {m_labelEn, m_labelZh, m_visibleIf, m_requiredIf, m_constraint, m_computed, m_min, m_max,
                            m_options, m_hintEn, m_hintZh, m_pattern, m_patternMessage, m_constraintMessage, m_default})
        connect(edit, &QLineEdit::textEdited, this, &DesignerWorkspace::emitProperties);
    connect(m_id, &QLineEdit::editingFinished, this, &DesignerWorkspace::emitProperties);
    connect(m_required, &QCheckBox::toggled, this, &DesignerWorkspace::emitProperties);
    connect(m_form, &QLineEdit::editingFinished, this, &DesignerWorkspace::emitHeader);
    connect(m_title, &QLineEdit::textEdited, this, &DesignerWorkspace::emitHeader);
    connect(m_version, &QSpinBox::valueChanged, this, &DesignerWorkspace::emitHeader);
    connect(m_language, &QComboBox::currentIndexChanged, this, &DesignerWorkspace::previewLanguageChanged);
    connect(m_publish, &QPushButton::clicked, this, &DesignerWorkspace::publishRequested);
    connect(m_start, &QComboBox::activated, this, &DesignerWorkspace::startRequested);
    connect(m_addSection, &QPushButton::clicked, this, [this] { emit addSectionRequested(currentSection()); });
    connect(m_sectionTitle, &QLineEdit::textEdited, this, [this](const QString &title) {
        if (m_shownSection >= 0)
            emit sectionTitleEdited(m_shownSection, title);
    });
    connect(publish, &QAction::triggered, this, &DesignerWorkspace::publishRequested);
    showProperties(std::nullopt);
    retranslateUi();
}

QString DesignerWorkspace::title() const
{
    return tr("Form designer");
}

QIcon DesignerWorkspace::icon() const
{
    return QIcon(QStringLiteral(":/icons/fieldline.png"));
}

QString DesignerWorkspace::previewLanguage() const
{
    return m_language->currentData().toString();
}

void DesignerWorkspace::showHeader(const QString &form, int version, const QString &title)
{
    m_filling = true;
    m_form->setText(form);
    m_version->setValue(version);
    m_title->setText(title);
    m_filling = false;
}

void DesignerWorkspace::showStartingPoints(const QStringList &publishedForms)
{
    m_publishedForms = publishedForms;
    const int current = m_start->currentIndex();
    m_start->clear();
    m_start->addItem(tr("A new form"));
    m_start->addItems(publishedForms);
    m_start->setCurrentIndex(current >= 0 && current < m_start->count() ? current : 0);
}

void DesignerWorkspace::showStructure(const forms::Layout &layout, const std::optional<FieldAddress> &current)
{
    m_filling = true;
    m_structure->clear();
    QTreeWidgetItem *select = nullptr;
    auto fieldItem = [](const forms::FieldSpec &field, QTreeWidgetItem *parent) {
        auto *item = new QTreeWidgetItem(parent, {QStringLiteral("%1 (%2)").arg(field.id, fieldTypeName(field.type))});
        item->setData(0, IdRole, field.id);
        item->setData(0, IsSectionRole, false);
        return item;
    };
    for (int s = 0; s < int(layout.sections.size()); ++s) {
        const forms::LayoutSection &section = layout.sections[size_t(s)];
        auto *sectionItem = new QTreeWidgetItem(m_structure, {section.title.text(QStringLiteral("en"))});
        sectionItem->setData(0, IdRole, section.id);
        sectionItem->setData(0, IsSectionRole, true);
        sectionItem->setFlags(sectionItem->flags() & ~Qt::ItemIsDragEnabled);
        for (int f = 0; f < int(section.fields.size()); ++f) {
            const forms::FieldSpec &field = section.fields[size_t(f)];
            QTreeWidgetItem *item = fieldItem(field, sectionItem);
            if (current == FieldAddress{s, f, -1})
                select = item;
            for (int c = 0; c < int(field.children.size()); ++c) {
                QTreeWidgetItem *child = fieldItem(field.children[size_t(c)], item);
                if (current == FieldAddress{s, f, c})
                    select = child;
            }
        }
    }
    m_structure->expandAll();
    if (select)
        m_structure->setCurrentItem(select);
    m_filling = false;
}

void DesignerWorkspace::showProperties(const std::optional<Properties> &properties)
{
    m_filling = true;
    const Properties shown = properties.value_or(Properties());
    m_id->setText(shown.id);
    m_type->setText(shown.type);
    m_labelEn->setText(shown.labelEn);
    m_labelZh->setText(shown.labelZh);
    m_required->setChecked(shown.required);
    m_visibleIf->setText(shown.visibleIf);
    m_requiredIf->setText(shown.requiredIf);
    m_constraint->setText(shown.constraint);
    m_computed->setText(shown.computed);
    m_min->setText(shown.min);
    m_max->setText(shown.max);
    m_options->setText(shown.options);
    m_hintEn->setText(shown.hintEn);
    m_hintZh->setText(shown.hintZh);
    m_pattern->setText(shown.pattern);
    m_patternMessage->setText(shown.patternMessage);
    m_constraintMessage->setText(shown.constraintMessage);
    m_default->setText(shown.defaultValue);
    m_expressionProblem->clear();
    m_properties->setEnabled(properties.has_value());
    m_filling = false;
}

void DesignerWorkspace::showSection(int section, const QString &title)
{
    m_shownSection = section;
    m_sectionTitle->setText(title);
    m_sectionTitle->setEnabled(section >= 0);
}

int DesignerWorkspace::currentSection() const
{
    const QTreeWidgetItem *item = m_structure->currentItem();
    while (item && item->parent())
        item = item->parent();
    return item ? m_structure->indexOfTopLevelItem(const_cast<QTreeWidgetItem *>(item)) : -1;
}

void DesignerWorkspace::showExpressionProblem(const QString &problem)
{
    m_expressionProblem->setText(problem);
}

void DesignerWorkspace::showCheck(const QString &problems, QWidget *preview)
{
    m_problems->setText(problems);
    m_publish->setEnabled(problems.isEmpty());
    if (!preview)
        return;
    delete m_preview; // at once: it points into the layout its owner replaces next
    m_preview = preview;
    m_previewHolder->layout()->addWidget(preview);
}

void DesignerWorkspace::showMessage(const QString &text)
{
    m_message->setText(text);
}

std::optional<FieldAddress> DesignerWorkspace::addressOf(const QTreeWidgetItem *item) const
{
    if (!item || item->data(0, IsSectionRole).toBool())
        return std::nullopt;
    const QTreeWidgetItem *parent = item->parent();
    if (!parent)
        return std::nullopt;
    if (parent->data(0, IsSectionRole).toBool())
        return FieldAddress{m_structure->indexOfTopLevelItem(const_cast<QTreeWidgetItem *>(parent)),
                            parent->indexOfChild(const_cast<QTreeWidgetItem *>(item)), -1};
    const QTreeWidgetItem *section = parent->parent();
    if (!section)
        return std::nullopt;
    return FieldAddress{m_structure->indexOfTopLevelItem(const_cast<QTreeWidgetItem *>(section)),
                        section->indexOfChild(const_cast<QTreeWidgetItem *>(parent)),
                        parent->indexOfChild(const_cast<QTreeWidgetItem *>(item))};
}

std::optional<FieldAddress> DesignerWorkspace::current() const
{
    return addressOf(m_structure->currentItem());
}

void DesignerWorkspace::emitProperties()
{
    if (m_filling || !m_properties->isEnabled())
        return;
    emit propertiesEdited({m_id->text().trimmed(), m_type->text(), m_labelEn->text(), m_labelZh->text(),
                           m_required->isChecked(), m_visibleIf->text(), m_requiredIf->text(), m_constraint->text(),
                           m_computed->text(), m_min->text().trimmed(), m_max->text().trimmed(), m_options->text(),
                           m_hintEn->text(), m_hintZh->text(), m_pattern->text(), m_patternMessage->text(),
                           m_constraintMessage->text(), m_default->text().trimmed()});
}

void DesignerWorkspace::emitHeader()
{
    if (!m_filling)
        emit headerEdited(m_form->text().trimmed(), m_version->value(), m_title->text());
}

void DesignerWorkspace::readDrop()
{
    std::vector<forms::LayoutEdit::SectionPlacement> arrangement;
    for (int s = 0; s < m_structure->topLevelItemCount(); ++s) {
        const QTreeWidgetItem *section = m_structure->topLevelItem(s);
        forms::LayoutEdit::SectionPlacement placement{section->data(0, IdRole).toString(), {}};
        // A field dropped at the top level is not in a section: LayoutEdit refuses the arrangement.
        if (!section->data(0, IsSectionRole).toBool())
            placement.section.clear();
        for (int f = 0; f < section->childCount(); ++f) {
            const QTreeWidgetItem *field = section->child(f);
            forms::LayoutEdit::Placement fieldPlacement{field->data(0, IdRole).toString(), {}};
            for (int c = 0; c < field->childCount(); ++c)
                fieldPlacement.children.append(field->child(c)->data(0, IdRole).toString());
            placement.fields.push_back(std::move(fieldPlacement));
        }
        arrangement.push_back(std::move(placement));
    }
    emit arranged(arrangement);
}

bool DesignerWorkspace::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_structure->viewport() && event->type() == QEvent::Drop) {
        // Read the tree once the drop has moved the items.
        QTimer::singleShot(0, this, &DesignerWorkspace::readDrop);
        return false;
    }
    if (watched == m_structure && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const std::optional<FieldAddress> at = current();
        if (at && key->modifiers() == Qt::AltModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            emit moveRequested(*at, key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
        if (at && key->key() == Qt::Key_Delete) {
            emit removeRequested(*at);
            return true;
        }
        if (!at && key->key() == Qt::Key_Delete && currentSection() >= 0) {
            emit removeSectionRequested(currentSection());
            return true;
        }
    }
    return Workspace::eventFilter(watched, event);
}

void DesignerWorkspace::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        emit titleChanged();
    }
    Workspace::changeEvent(event);
}

void DesignerWorkspace::retranslateUi()
{
    for (const auto &[label, text] : m_captions)
        label->setText(tr(text));
    m_required->setText(tr("Required"));
    m_publish->setText(tr("Publish"));
    m_addSection->setText(tr("Add section"));
    m_publish->setToolTip(tr("Check the layout and publish it as a new version (Ctrl+Shift+P)"));
    m_palette->setAccessibleName(tr("Field types: Enter adds one after the current field"));
    m_structure->setAccessibleName(tr("Structure: Alt+Up and Alt+Down move a field, Delete removes it"));
    m_visibleIf->setPlaceholderText(tr("an expression, such as outcome = 'order'"));
    m_options->setPlaceholderText(tr("value=Label|中文; value=Label"));
    int row = 0;
    for (const auto &[type, name] : paletteTypes())
        m_palette->item(row++)->setText(name);
    showStartingPoints(m_publishedForms);
}

} // namespace fieldline::ui
