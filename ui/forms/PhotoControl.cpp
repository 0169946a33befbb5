#include "PhotoControl.h"

#include "Attachments.h"
#include "PhotoImport.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace fieldline::ui {

using forms::FormValue;

namespace {

constexpr int Thumbnail = 96;

} // namespace

PhotoControl::PhotoControl(const forms::FieldSpec &spec, Attachments *attachments, QWidget *parent)
    : FieldControl(spec, new QWidget(parent))
    , m_attachments(attachments)
    , m_list(new QListWidget)
    , m_add(new QPushButton(tr("Add photos...")))
    , m_remove(new QPushButton(tr("Remove")))
    , m_note(new QLabel)
{
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(Thumbnail, Thumbnail));
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(false);
    m_list->setFixedHeight(Thumbnail + 36);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->installEventFilter(this);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->hide();
    m_add->setEnabled(attachments);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *column = new QVBoxLayout(widget());
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_list);
    column->addLayout(buttons);
    column->addWidget(m_note);
    widget()->setFocusProxy(m_add->isEnabled() ? static_cast<QWidget *>(m_add) : m_list);
    connect(m_add, &QPushButton::clicked, this, &PhotoControl::choose);
    connect(m_remove, &QPushButton::clicked, this, &PhotoControl::removeSelected);
}

FormValue PhotoControl::value() const
{
    if (m_names.isEmpty())
        return {};
    FormValue::List items;
    for (const QString &name : m_names)
        items.push_back(FormValue::text(name));
    return FormValue::list(std::move(items));
}

void PhotoControl::setValue(const FormValue &value)
{
    m_names.clear();
    m_list->clear();
    for (const FormValue &item : value.toList()) {
        m_names.append(item.toText());
        addThumbnail(item.toText());
    }
}

void PhotoControl::setReadOnly(bool readOnly)
{
    m_add->setEnabled(!readOnly && m_attachments);
    m_remove->setEnabled(!readOnly);
}

void PhotoControl::choose()
{
    // The dialog runs its own event loop: the form may close meanwhile (the profile locks), taking this control.
    const QPointer<PhotoControl> alive(this);
    const QStringList paths = QFileDialog::getOpenFileNames(
        widget(), tr("Add photos"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Pictures (*.jpg *.jpeg *.png *.bmp *.gif)"));
    if (alive)
        addFiles(paths);
}

void PhotoControl::addFiles(const QStringList &paths)
{
    if (!m_attachments || paths.isEmpty())
        return;
    QStringList problems;
    for (const QString &path : paths) {
        QString error;
        const std::optional<PhotoImport::Photo> photo = PhotoImport::fromFile(path, error);
        const std::optional<QString> name = photo ? m_attachments->keep(photo->jpeg, error) : std::nullopt;
        if (!name) {
            problems.append(error);
            continue;
        }
        m_names.append(*name);
        addThumbnail(*name);
    }
    m_note->setText(problems.join(u'\n'));
    m_note->setVisible(!problems.isEmpty());
    userEdited();
}

void PhotoControl::removeSelected()
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    for (QListWidgetItem *item : selected) {
        m_names.removeAt(m_list->row(item));
        delete item;
    }
    userEdited();
}

void PhotoControl::addThumbnail(const QString &name)
{
    const std::optional<QByteArray> content = m_attachments ? m_attachments->content(name) : std::nullopt;
    const QImage image = content ? QImage::fromData(*content) : QImage();
    auto *item = new QListWidgetItem(m_list);
    item->setToolTip(name);
    item->setData(Qt::AccessibleTextRole, tr("Photo %1").arg(m_list->count()));
    if (!image.isNull()) {
        item->setIcon(QPixmap::fromImage(image.scaled(Thumbnail, Thumbnail, Qt::KeepAspectRatio)));
        return;
    }
    item->setText(tr("Not on this device yet"));
    if (!m_attachments || content)
        return;
    // Taken on another device: download it, then show it (if this control and its photo are still there).
    m_attachments->fetch(name, [control = QPointer<PhotoControl>(this), name] {
        if (control)
            control->showArrived(name);
    });
}

void PhotoControl::showArrived(const QString &name)
{
    const std::optional<QByteArray> content = m_attachments->content(name);
    const QImage image = content ? QImage::fromData(*content) : QImage();
    for (int row = 0; row < m_list->count() && !image.isNull(); ++row) {
        if (m_names.value(row) != name)
            continue;
        m_list->item(row)->setText(QString());
        m_list->item(row)->setIcon(QPixmap::fromImage(image.scaled(Thumbnail, Thumbnail, Qt::KeepAspectRatio)));
    }
}

bool PhotoControl::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress && m_remove->isEnabled()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
            removeSelected();
            return true;
        }
    }
    return FieldControl::eventFilter(watched, event);
}

} // namespace fieldline::ui
