#pragma once

#include "ui/LanguageManager.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace fieldline::ui {

class DamagedView;
class FirstRunView;
class UnlockView;

/**
 * The window shown while no profile is open: one of first run, unlock or damaged profile, plus a language
 * choice at the bottom so a first-time user can switch before reading anything. Passive.
 */
class GateWindow : public QWidget
{
    Q_OBJECT

public:
    enum class Page { FirstRun, Unlock, Damaged };

    explicit GateWindow(QWidget *parent = nullptr);

    FirstRunView *firstRunView() const { return m_firstRun; }
    UnlockView *unlockView() const { return m_unlock; }
    DamagedView *damagedView() const { return m_damaged; }

    void showPage(Page page);
    Page currentPage() const;

    void setLanguages(const QList<Language> &languages);
    void setCurrentLanguage(const QString &code);

signals:
    void languageChosen(const QString &code);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_appName;
    QStackedWidget *m_pages;
    FirstRunView *m_firstRun;
    UnlockView *m_unlock;
    DamagedView *m_damaged;
    QLabel *m_languageLabel;
    QComboBox *m_language;
};

} // namespace fieldline::ui
