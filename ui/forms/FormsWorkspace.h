#pragma once

#include "ui/main/Workspace.h"

#include <QDateTime>

class QAction;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace fieldline::ui {

class MessageBanner;

/**
 * The forms workspace: on the left the forms a user may start and the drafts left to finish, on the right the
 * open form. Keyboard: Up/Down and Enter in the list open an entry, Ctrl+Enter finalises the open form, Escape
 * goes back to the list. Passive: it shows what FormsController gives it and says what the user asked for.
 */
class FormsWorkspace : public Workspace
{
    Q_OBJECT

public:
    explicit FormsWorkspace(QWidget *parent = nullptr);

    QString id() const override { return QStringLiteral("forms"); }
    QString title() const override;
    QIcon icon() const override;

    struct Entry
    {
        QString key;    ///< handed back in openRequested
        QString title;  ///< the form's title in the interface language
        QString detail; ///< draft: when it was started, or why the server returned it
        bool returned = false;
    };
    void setEntries(const std::vector<Entry> &startable, const std::vector<Entry> &drafts);
    /** Shows @p form (taking ownership; the previous one is deleted at once) under @p heading, or the empty page. */
    void showForm(QWidget *form, const QString &heading);
    QWidget *form() const { return m_form; }
    void showProblem(const QString &text);
    void showNotice(const QString &text);
    void focusList();

signals:
    /** Enter on a form to start (new) or on a draft. */
    void openRequested(const QString &key, bool isNew);
    void finaliseRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void activate(QListWidgetItem *item);
    void addHeader(const QString &text);

    QListWidget *m_list;
    QLabel *m_heading;
    MessageBanner *m_banner;
    QWidget *m_holder;
    QWidget *m_form = nullptr;
    QLabel *m_empty;
    QPushButton *m_finalise;
    QAction *m_back;
    std::vector<Entry> m_startable;
    std::vector<Entry> m_drafts;
};

} // namespace fieldline::ui
