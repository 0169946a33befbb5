#pragma once

#include "app/forms/LayoutEdit.h"
#include "ui/main/Workspace.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace fieldline::ui {

/**
 * The form designer, for admins: a palette of field types, the form's structure (sections, fields, a repeat
 * group's fields) that drag and drop or Alt+Up / Alt+Down reorder, the current field's properties, and a live
 * preview in the language chosen. Keyboard: Enter in the palette adds a field after the current one, Delete in the
 * structure removes it, Ctrl+Shift+P publishes. Passive: DesignerController does the work.
 */
class DesignerWorkspace : public Workspace
{
    Q_OBJECT

public:
    explicit DesignerWorkspace(QWidget *parent = nullptr);

    QString id() const override { return QStringLiteral("designer"); }
    QString title() const override;
    QIcon icon() const override;

    /** The properties the editor shows and sends back by name. */
    struct Properties
    {
        QString id;
        QString type;
        QString labelEn;
        QString labelZh;
        bool required = false;
        QString visibleIf;
        QString requiredIf;
        QString constraint;
        QString computed;
        QString min;
        QString max;
        QString options; ///< "value=Label; value=Label|中文标签"
        QString hintEn;
        QString hintZh;
        QString pattern;
        QString patternMessage;
        QString constraintMessage;
        QString defaultValue;
    };

    void showHeader(const QString &form, int version, const QString &title);
    /** What a design can start from: a new form, then each published form by its title. */
    void showStartingPoints(const QStringList &publishedForms);
    void showStructure(const forms::Layout &layout, const std::optional<forms::FieldAddress> &current);
    /** The current field's properties; nullopt clears and disables the editor. */
    void showProperties(const std::optional<Properties> &properties);
    /** What is wrong with the expression being typed, or an empty text. */
    void showExpressionProblem(const QString &problem);
    /** The title of the section that holds the current item; -1 clears it. */
    void showSection(int section, const QString &title);
    /** The layout's problems (empty: it can be published) and the preview; the view takes @p preview. */
    void showCheck(const QString &problems, QWidget *preview);
    void showMessage(const QString &text);
    QString previewLanguage() const;
    /** The section of the current item (itself, or the one holding the current field); -1 for none. */
    int currentSection() const;
    QTreeWidget *structure() const { return m_structure; }
    QListWidget *palette() const { return m_palette; }

signals:
    void addRequested(forms::FieldType type);
    void removeRequested(const forms::FieldAddress &at);
    void moveRequested(const forms::FieldAddress &at, int delta);
    void arranged(const std::vector<forms::LayoutEdit::SectionPlacement> &arrangement);
    void currentChanged(const std::optional<forms::FieldAddress> &at);
    void propertiesEdited(const Properties &properties);
    void headerEdited(const QString &form, int version, const QString &title);
    void previewLanguageChanged();
    void publishRequested();
    void addSectionRequested(int after);
    void removeSectionRequested(int section);
    void sectionTitleEdited(int section, const QString &title);
    /** 0: a new form; n: the n-th published form of showStartingPoints. */
    void startRequested(int index);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    std::optional<forms::FieldAddress> addressOf(const QTreeWidgetItem *item) const;
    std::optional<forms::FieldAddress> current() const;
    void emitProperties();
    void emitHeader();
    void readDrop();

    QComboBox *m_start;
    QLineEdit *m_form;
    QSpinBox *m_version;
    QLineEdit *m_title;
    QListWidget *m_palette;
    QTreeWidget *m_structure;
    QLineEdit *m_id;
    QLabel *m_type;
    QLineEdit *m_labelEn;
    QLineEdit *m_labelZh;
    QCheckBox *m_required;
    QLineEdit *m_visibleIf;
    QLineEdit *m_requiredIf;
    QLineEdit *m_constraint;
    QLineEdit *m_computed;
    QLineEdit *m_options;
    QLineEdit *m_hintEn;
    QLineEdit *m_hintZh;
    QLineEdit *m_pattern;
    QLineEdit *m_patternMessage;
    QLineEdit *m_constraintMessage;
    QLineEdit *m_default;
    QLabel *m_expressionProblem;
    QLineEdit *m_min;
    QLineEdit *m_max;
    QWidget *m_properties;
    QLineEdit *m_sectionTitle;
    QPushButton *m_addSection;
    int m_shownSection = -1;
    QComboBox *m_language;
    QWidget *m_previewHolder;
    QWidget *m_preview = nullptr;
    QLabel *m_problems;
    QPushButton *m_publish;
    QLabel *m_message;
    QList<std::pair<QLabel *, const char *>> m_captions; ///< each caption with its untranslated text
    QStringList m_publishedForms;
    bool m_filling = false;
};

} // namespace fieldline::ui
