#pragma once

#include "FieldControl.h"

#include <QHash>
#include <QScrollArea>

class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace fieldline::ui {

/**
 * A layout rendered as native widgets, one section after another, each field with its label (a '*' when
 * required), its editor, its hint and a line for its error. Passive: FormController decides what is shown.
 * Fields are addressed by path: "qty", or "lines[2].qty" in the third row of repeat group "lines". Labels, hints
 * and errors are plain text.
 */
class FormView : public QScrollArea
{
    Q_OBJECT

public:
    /** Signatures keep their picture in @p attachments (none: strokes only); it must outlive the view. */
    FormView(const forms::Layout &layout, const QString &language, Attachments *attachments = nullptr,
             QWidget *parent = nullptr);

    FieldControl *control(const QString &path) const;
    void setFieldShown(const QString &path, bool shown, bool required);
    void setSectionShown(const QString &id, bool shown);
    void setError(const QString &path, const QString &error);
    QString error(const QString &path) const;
    /** Gives repeat group @p group exactly @p rows rows of editors (existing rows keep theirs). */
    void setRowCount(const QString &group, int rows);
    int rowCount(const QString &group) const;
    /** Moves the keyboard focus to the editor at @p path. */
    void focusField(const QString &path);

signals:
    void edited(const QString &path);
    void addRowRequested(const QString &group);
    void removeRowRequested(const QString &group, int row);

private:
    struct Entry
    {
        FieldControl *control = nullptr;
        QWidget *box = nullptr; ///< label, editor, hint and error together, hidden as one
        QLabel *label = nullptr;
        QLabel *error = nullptr;
        QString labelText;
    };
    struct Group
    {
        const forms::FieldSpec *spec = nullptr;
        QVBoxLayout *rows = nullptr;
        QPushButton *add = nullptr;
        std::vector<QWidget *> rowWidgets;
    };

    QWidget *buildField(const forms::FieldSpec &field, const QString &path, QWidget *parent);
    QWidget *buildGroup(const forms::FieldSpec &group, QWidget *parent);
    QWidget *buildRow(const Group &group, int row);

    QString m_language;
    Attachments *m_attachments;
    QHash<QString, Entry> m_entries;
    QHash<QString, Group> m_groups;
    QHash<QString, QGroupBox *> m_sections;
};

} // namespace fieldline::ui
