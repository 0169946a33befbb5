#pragma once

#include "app/BuildInfo.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;

namespace fieldline::ui {

/** Fieldline's version and the versions of Qt, SQLite and libsodium it runs on. Passive. */
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    void setVersion(const QString &version);
    void setComponents(const QList<app::ComponentVersion> &components);
    /** The version lines as shown ("Qt 6.4.2", ...). */
    QStringList componentLines() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_name;
    QLabel *m_version;
    QLabel *m_description;
    QLabel *m_componentsHeading;
    QLabel *m_components;
    QDialogButtonBox *m_buttons;
    QString m_versionText;
    QList<app::ComponentVersion> m_componentList;
};

} // namespace fieldline::ui
