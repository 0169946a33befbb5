#include "ui/telemarketing/CallsChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QVBoxLayout>
#include <QValueAxis>

namespace fieldline::ui {

CallsChart::CallsChart(QWidget *parent)
    : QWidget(parent)
    , m_view(new QChartView(new QChart)) // setChart() would release (and leak) the view's own default chart
    , m_calls(new QBarSet(QString()))
    , m_axisY(new QValueAxis)
{
    setObjectName(QStringLiteral("callsChart"));
    for (int hour = 0; hour < 24; ++hour)
        m_calls->append(0);
    auto *series = new QBarSeries;
    series->append(m_calls);
    QChart *chart = m_view->chart();
    chart->addSeries(series);
    chart->legend()->hide();
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->setBackgroundRoundness(0);
    auto *hours = new QBarCategoryAxis;
    // 24 hour labels do not fit the width the chart gets; the title says where the hours run.
    for (int hour = 0; hour < 24; ++hour)
        hours->append(QString::number(hour));
    hours->setLabelsVisible(false);
    chart->addAxis(hours, Qt::AlignBottom);
    series->attachAxis(hours);
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    m_axisY->setRange(0, 5);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    series->attachAxis(m_axisY);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFocusPolicy(Qt::NoFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumHeight(140);
    retranslateUi();
}

void CallsChart::setCalls(const std::array<int, 24> &perHour)
{
    int most = 0;
    for (int hour = 0; hour < 24; ++hour) {
        m_calls->replace(hour, perHour[size_t(hour)]);
        most = std::max(most, perHour[size_t(hour)]);
    }
    m_axisY->setRange(0, std::max(5, most));
    m_axisY->applyNiceNumbers(); // whole-number ticks
}

int CallsChart::callsAt(int hour) const
{
    return int(m_calls->at(hour));
}

void CallsChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CallsChart::retranslateUi()
{
    m_calls->setLabel(tr("Calls"));
    m_view->chart()->setTitle(tr("Calls per hour today, from midnight (left) to 23:00 (right)"));
    setAccessibleName(tr("Calls per hour today"));
}

} // namespace fieldline::ui
