#pragma once

#include "ui/TrText.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace fieldline::ui {

/**
 * An inline message above a form: an error (with an optional "Try again" button) or a notice. Keeps the
 * message as a TrText so it follows a language switch; shows it as plain text, never as rich text.
 */
class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Notice, Error };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, TrText text, bool offerRetry = false);
    void clear();
    Kind kind() const { return m_kind; }
    /** The message as currently shown; empty when hidden. */
    QString text() const;
    bool offersRetry() const;

signals:
    void retryRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_label;
    QPushButton *m_retry;
    TrText m_text;
    Kind m_kind = Kind::Notice;
};

} // namespace fieldline::ui
