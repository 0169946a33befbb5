#pragma once

#include "ui/TrText.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace fieldline::ui {

/** The status bar's sync corner: one sentence, a "Sync now" button and a "Sign in" button. Passive. */
class SyncStatusWidget : public QWidget
{
    Q_OBJECT

public:
    enum class Tone { Good, Busy, Problem };

    explicit SyncStatusWidget(QWidget *parent = nullptr);

    void setStatus(Tone tone, TrText text);
    void setSignInVisible(bool visible);
    void setSyncEnabled(bool enabled);
    QString text() const;

signals:
    void syncRequested();
    void signInRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_dot;
    QLabel *m_label;
    QToolButton *m_sync;
    QToolButton *m_signIn;
    TrText m_text;
};

} // namespace fieldline::ui
