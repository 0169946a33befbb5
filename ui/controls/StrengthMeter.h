#pragma once

#include "app/PassphraseStrength.h"

#include <QWidget>

class QLabel;

namespace fieldline::ui {

/** Five coloured segments and a word ("Weak", "Strong", ...) showing how hard a passphrase is to guess. */
class StrengthMeter : public QWidget
{
    Q_OBJECT

public:
    using Level = app::PassphraseStrength::Level;

    explicit StrengthMeter(QWidget *parent = nullptr);

    void setLevel(Level level);
    Level level() const { return m_level; }
    /** The word shown for the current level, in the current language. */
    QString levelText() const;

    static QString textForLevel(Level level);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    class Bar;
    Bar *m_bar;
    QLabel *m_label;
    Level m_level = Level::Empty;
};

} // namespace fieldline::ui
