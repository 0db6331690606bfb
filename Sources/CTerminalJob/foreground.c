#define _GNU_SOURCE
#include "CTerminalJob.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void set_handler(int signo, void (*handler)(int), struct sigaction *old) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(signo, &action, old);
}

int ctj_run_foreground(const char *path, char *const argv[], char *const envp[], int tty_fd, int input_fd, int *status) {
    pid_t own_group = getpgrp();
    /* Only a tutor that holds the terminal can hand it on. */
    int job_control = tty_fd >= 0 && tcgetpgrp(tty_fd) == own_group;
    struct termios saved;
    int have_modes = tty_fd >= 0 && tcgetattr(tty_fd, &saved) == 0;

    struct sigaction old_ttou;
    set_handler(SIGTTOU, SIG_IGN, &old_ttou);
    /* No handler of the tutor may run in the child between fork and exec. */
    sigset_t all, old_mask;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old_mask);

    pid_t pid = fork();
    if (pid == 0) {
        /* Child: async-signal-safe calls only. */
        setpgid(0, 0);
        if (job_control) tcsetpgrp(tty_fd, getpid());
        struct sigaction dfl;
        memset(&dfl, 0, sizeof(dfl));
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        for (int signo = 1; signo < NSIG; signo++) sigaction(signo, &dfl, NULL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (input_fd >= 0 && input_fd != 0) {
            if (dup2(input_fd, 0) < 0) _exit(126);
        }
        execve(path, argv, envp);
        _exit(127);
    }
    int fork_errno = errno;
    if (pid > 0) {
        setpgid(pid, pid);
        if (job_control) tcsetpgrp(tty_fd, pid);
    }
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    if (pid < 0) {
        sigaction(SIGTTOU, &old_ttou, NULL);
        errno = fork_errno;
        return -1;
    }

    int wait_status = 0;
    for (;;) {
        pid_t done = waitpid(pid, &wait_status, WUNTRACED);
        if (done < 0) {
            if (errno == EINTR) continue;
            wait_status = 0;
            break;
        }
        if (!WIFSTOPPED(wait_status)) break;
        /* Ctrl-Z in the job: take the terminal back and stop as a shell job would. In an
           orphaned process group the kernel ignores SIGTSTP and we carry on at once. */
        struct termios job_modes;
        int have_job_modes = tty_fd >= 0 && tcgetattr(tty_fd, &job_modes) == 0;
        if (job_control) tcsetpgrp(tty_fd, own_group);
        if (have_modes) tcsetattr(tty_fd, TCSADRAIN, &saved);
        raise(SIGTSTP);
        /* Continued: `fg` may have made the tutor the foreground group only now. */
        if (!job_control && tty_fd >= 0 && tcgetpgrp(tty_fd) == own_group) job_control = 1;
        /* As a shell does on `fg`: the job's own terminal modes back, then the terminal. */
        if (have_job_modes) tcsetattr(tty_fd, TCSADRAIN, &job_modes);
        if (job_control) tcsetpgrp(tty_fd, pid);
        kill(-pid, SIGCONT);
    }
    if (job_control) tcsetpgrp(tty_fd, own_group);
    /* TCSAFLUSH also throws away input not yet read: replies the program asked for. */
    if (have_modes) tcsetattr(tty_fd, TCSAFLUSH, &saved);
    else if (tty_fd >= 0) tcflush(tty_fd, TCIFLUSH);
    sigaction(SIGTTOU, &old_ttou, NULL);
    if (status) *status = wait_status;
    return 0;
}

int ctj_text_fd(const char *bytes, size_t length) {
    int fd = -1;
#ifdef MFD_CLOEXEC
    fd = memfd_create("lambda-tutor-page", MFD_CLOEXEC);
#endif
    if (fd < 0) {
        FILE *file = tmpfile();
        if (!file) return -1;
        fd = dup(fileno(file));
        fclose(file);
        if (fd < 0) return -1;
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    size_t written = 0;
    while (written < length) {
        ssize_t n = write(fd, bytes + written, length - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        written += (size_t)n;
    }
    if (lseek(fd, 0, SEEK_SET) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ctj_drain_input(int fd, int quiet_ms, int limit_ms) {
    if (fd < 0 || !isatty(fd)) return;
    struct termios saved, raw;
    if (tcgetattr(fd, &saved) != 0) return;
    /* Non-canonical, so a reply without a newline can be read at all. */
    raw = saved;
    raw.c_lflag &= ~(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &raw) != 0) return;
    long long end = now_ms() + limit_ms;
    char buffer[256];
    for (;;) {
        long long left = end - now_ms();
        if (left <= 0) break;
        struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
        int ready = poll(&p, 1, (int)(left < quiet_ms ? left : quiet_ms));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0 || !(p.revents & POLLIN)) break;
        if (read(fd, buffer, sizeof(buffer)) <= 0) break;
    }
    tcsetattr(fd, TCSANOW, &saved);
}
