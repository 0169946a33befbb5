#pragma once

#include "FieldControl.h"

class QLabel;
class QListWidget;
class QPushButton;

namespace fieldline::ui {

class Attachments;

/**
 * A photo field: thumbnails of the photos taken, "Add photos..." (a file dialog; each picture is made upright,
 * downscaled and stripped of its metadata by PhotoImport, then kept in @p attachments) and "Remove" (or Delete on
 * a thumbnail). The value is the list of the photos' attachment names. Without attachments the field only shows
 * how many photos it holds and keeps them.
 */
class PhotoControl : public FieldControl
{
    Q_OBJECT

public:
    PhotoControl(const forms::FieldSpec &spec, Attachments *attachments, QWidget *parent);

    forms::FormValue value() const override;
    void setValue(const forms::FormValue &value) override;
    void setReadOnly(bool readOnly) override;

    /** Adds the pictures in @p paths, as the file dialog would; problems are shown under the thumbnails. */
    void addFiles(const QStringList &paths);
    QListWidget *thumbnails() const { return m_list; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void choose();
    void removeSelected();
    void addThumbnail(const QString &name);
    void showArrived(const QString &name);

    Attachments *m_attachments;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_note;
    QStringList m_names;
};

} // namespace fieldline::ui
