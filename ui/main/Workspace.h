#pragma once

#include <QIcon>
#include <QWidget>

namespace fieldline::ui {

/**
 * One area of work in the main window (overview, telemarketing, visits, orders, admin). The main window only
 * lists and shows workspaces; each owns its widgets and talks to its own controller.
 */
class Workspace : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    /** A stable identifier ("overview"), for settings and tests; never shown. */
    virtual QString id() const = 0;
    /** The name in the navigation list, in the current language. */
    virtual QString title() const = 0;
    virtual QIcon icon() const { return {}; }

signals:
    /** title() changed (after a language switch). */
    void titleChanged();
};

} // namespace fieldline::ui
