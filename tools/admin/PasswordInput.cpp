#include "PasswordInput.h"

#include <QByteArray>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace fieldline::admin {

namespace {

/** Echo off for as long as it lives, restored even on an early return. */
class EchoOff
{
public:
    EchoOff()
    {
        if (::tcgetattr(STDIN_FILENO, &m_saved) != 0)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    termios m_saved = {};
    bool m_active = false;
};

} // namespace

std::optional<QString> readPasswordLine(const QString &prompt)
{
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    std::optional<EchoOff> echoOff;
    if (terminal) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        echoOff.emplace();
    }
    QByteArray line;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar()) {
        line.append(char(c));
        if (line.size() > 4096)
            break; // longer than any password the server accepts; it will say so
    }
    if (terminal)
        std::fputs("\n", stderr);
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return std::nullopt;
    return QString::fromUtf8(line);
}

} // namespace fieldline::admin
