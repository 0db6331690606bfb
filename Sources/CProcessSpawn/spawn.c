#define _GNU_SOURCE
#include "CProcessSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static void child_fail(int report_fd, int code) {
    ssize_t ignored = write(report_fd, &code, sizeof(code));
    (void)ignored;
    _exit(127);
}

int cps_spawn(const cps_request *request, pid_t *pid) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        int e = errno;
        close(report[0]);
        close(report[1]);
        return e;
    }
    if (child == 0) {
        /* Own process group: the terminal's Ctrl-C reaches only the tutor, and the tutor can
           kill the environment with everything it forked by one kill(-pgid). */
        if (setpgid(0, 0) != 0) child_fail(report[1], errno);
        /* Die with the tutor, even if it is killed with SIGKILL. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail(report[1], errno);
        if (getppid() != parent) _exit(127);

        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        for (int sig = 1; sig < NSIG; sig++) {
            if (sig == SIGKILL || sig == SIGSTOP) continue;
            signal(sig, SIG_DFL);
        }
        if (request->address_space_limit > 0) {
            struct rlimit limit = { request->address_space_limit, request->address_space_limit };
            if (setrlimit(RLIMIT_AS, &limit) != 0) child_fail(report[1], errno);
        }
        if (dup2(request->stdin_fd, 0) < 0) child_fail(report[1], errno);
        if (dup2(request->output_fd, 1) < 0) child_fail(report[1], errno);
        if (dup2(request->output_fd, 2) < 0) child_fail(report[1], errno);
        /* Nothing else of the tutor's (listening sockets, pipes, files) leaks into user code. */
        if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
            for (int fd = 3; fd < 1024; fd++) {
                if (fd != report[1]) fcntl(fd, F_SETFD, FD_CLOEXEC);
            }
        }
        if (request->cwd != NULL && chdir(request->cwd) != 0) child_fail(report[1], errno);
        execve(request->path, request->argv, request->envp);
        child_fail(report[1], errno);
    }
    close(report[1]);
    int code = 0;
    ssize_t n;
    do {
        n = read(report[0], &code, sizeof(code));
    } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == (ssize_t)sizeof(code)) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        return code;
    }
    *pid = child;
    return 0;
}

int cps_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}
