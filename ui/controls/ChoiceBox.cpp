#include "ChoiceBox.h"

#include <QAbstractItemView>
#include <QKeyEvent>
#include <QWheelEvent>

namespace fieldline::ui {

void ChoiceBox::keyPressEvent(QKeyEvent *event)
{
    const bool plain = !(event->modifiers() & (Qt::AltModifier | Qt::ControlModifier | Qt::MetaModifier));
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_Home:
    case Qt::Key_End:
        if (plain) {
            showPopup();
            event->accept();
            return;
        }
        break;
    default:
        // Typing would pick the first matching entry at once: look it up in the opened list instead.
        if (plain && !event->text().isEmpty() && event->text().front().isPrint()) {
            showPopup();
            view()->keyboardSearch(event->text());
            event->accept();
            return;
        }
        break;
    }
    QComboBox::keyPressEvent(event);
}

void ChoiceBox::wheelEvent(QWheelEvent *event)
{
    event->ignore(); // scrolls the screen behind instead
}

} // namespace fieldline::ui
