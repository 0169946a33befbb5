#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <atomic>
#include <thread>

#include <unistd.h>

namespace fieldline::bench {

/**
 * Another program's writes beside a benchmark, as a build or a backup makes them: 64 MiB written to @p path and
 * flushed with fdatasync, over and over, on a thread of its own until destroyed. The file is removed at the end.
 */
class DiskPressure
{
public:
    explicit DiskPressure(QString path)
        : m_path(std::move(path))
        , m_thread([this] { run(); })
    {}
    ~DiskPressure()
    {
        m_stop = true;
        m_thread.join();
        QFile::remove(m_path);
    }
    DiskPressure(const DiskPressure &) = delete;
    DiskPressure &operator=(const DiskPressure &) = delete;

    /** How many 64 MiB rounds reached the disk so far. */
    int rounds() const { return m_rounds; }

private:
    void run()
    {
        const QByteArray block(1 << 20, 'x');
        while (!m_stop) {
            QFile file(m_path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return;
            for (int i = 0; i < 64 && !m_stop; ++i)
                file.write(block);
            file.flush();
            if (::fdatasync(file.handle()) == 0)
                ++m_rounds;
        }
    }

    QString m_path;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_rounds{0};
    std::thread m_thread; // last: it starts once everything it uses is built
};

} // namespace fieldline::bench
