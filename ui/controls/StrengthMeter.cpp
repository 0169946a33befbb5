#include "ui/controls/StrengthMeter.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

namespace fieldline::ui {

namespace {
constexpr int kSegments = 5;

int filledSegments(StrengthMeter::Level level)
{
    return int(level) - int(StrengthMeter::Level::Empty);
}

QColor colorFor(StrengthMeter::Level level)
{
    switch (level) {
    case StrengthMeter::Level::Empty:
        return {};
    case StrengthMeter::Level::VeryWeak:
        return QColor(0xc6, 0x28, 0x28);
    case StrengthMeter::Level::Weak:
        return QColor(0xef, 0x6c, 0x00);
    case StrengthMeter::Level::Fair:
        return QColor(0xc0, 0x9a, 0x00);
    case StrengthMeter::Level::Strong:
        return QColor(0x43, 0xa0, 0x47);
    case StrengthMeter::Level::VeryStrong:
        return QColor(0x1b, 0x5e, 0x20);
    }
    return {};
}
} // namespace

/** The painted segments; colour is never the only signal, the label beside it names the level. */
class StrengthMeter::Bar : public QWidget
{
public:
    explicit Bar(QWidget *parent)
        : QWidget(parent)
    {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    void setLevel(Level level)
    {
        m_level = level;
        update();
    }
    QSize sizeHint() const override { return {160, 8}; }
    QSize minimumSizeHint() const override { return {60, 8}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const int gap = 4;
        const qreal width = (this->width() - gap * (kSegments - 1)) / qreal(kSegments);
        const QColor off = palette().color(QPalette::Mid);
        const QColor on = colorFor(m_level);
        for (int i = 0; i < kSegments; ++i) {
            const QRectF segment(i * (width + gap), 0, width, height());
            painter.setPen(Qt::NoPen);
            painter.setBrush(i < filledSegments(m_level) ? on : off);
            painter.drawRoundedRect(segment, 2, 2);
        }
    }

private:
    Level m_level = Level::Empty;
};

StrengthMeter::StrengthMeter(QWidget *parent)
    : QWidget(parent)
    , m_bar(new Bar(this))
    , m_label(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_label);
    m_label->setMinimumWidth(m_label->fontMetrics().averageCharWidth() * 12);
    retranslateUi();
}

void StrengthMeter::setLevel(Level level)
{
    if (level == m_level)
        return;
    m_level = level;
    m_bar->setLevel(level);
    retranslateUi();
}

QString StrengthMeter::levelText() const
{
    return textForLevel(m_level);
}

QString StrengthMeter::textForLevel(Level level)
{
    switch (level) {
    case Level::Empty:
        return QString();
    case Level::VeryWeak:
        return tr("Very weak");
    case Level::Weak:
        return tr("Weak");
    case Level::Fair:
        return tr("Fair");
    case Level::Strong:
        return tr("Strong");
    case Level::VeryStrong:
        return tr("Very strong");
    }
    return QString();
}

void StrengthMeter::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StrengthMeter::retranslateUi()
{
    m_label->setText(levelText());
    setAccessibleName(tr("Passphrase strength"));
    setAccessibleDescription(m_level == Level::Empty ? tr("No passphrase entered yet") : levelText());
}

} // namespace fieldline::ui
