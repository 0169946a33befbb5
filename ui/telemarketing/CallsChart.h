#pragma once

#include <QWidget>

#include <array>

class QBarSet;
class QChartView;
class QValueAxis;

namespace fieldline::ui {

/** Today's calls per hour as bars (Qt Charts): the number an agent and a supervisor scan, not read. */
class CallsChart : public QWidget
{
    Q_OBJECT

public:
    explicit CallsChart(QWidget *parent = nullptr);

    void setCalls(const std::array<int, 24> &perHour);
    int callsAt(int hour) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QChartView *m_view;
    QBarSet *m_calls;
    QValueAxis *m_axisY;
};

} // namespace fieldline::ui
