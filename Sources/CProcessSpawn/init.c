#define _GNU_SOURCE
#include "CProcessSpawn.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

/* Pid 1 of a sandbox once the runtime runs: the whole of lambda-tutor-init, and what a pid 1
   that could not exec it runs instead. No allocation (the second case is a copy of the tutor's
   memory made without fork's locks). */

static void noop(int signal) { (void)signal; }

static int freezer_fd = -1;

/* Thaws (a frozen process cannot die), kills every process of the namespace and reaps them. */
static void __attribute__((noreturn)) end_all(int code) {
    if (freezer_fd >= 0) (void)cps_thaw_freezer(freezer_fd);
    kill(-1, SIGCONT);
    kill(-1, SIGKILL);
    int status;
    while (waitpid(-1, &status, 0) > 0 || errno == EINTR) {}
    _exit(code);
}

void cps_init_run(int control_fd, pid_t runtime_pid, int freezer_state_fd) {
    freezer_fd = freezer_state_fd;
    /* The function's processes run as the same user: they must not be able to ptrace pid 1. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    prctl(PR_SET_NAME, "lambda-init", 0, 0, 0);
    sigset_t handled;
    sigemptyset(&handled);
    int signals[] = { SIGCHLD, SIGTERM, SIGINT, SIGHUP };
    for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
        /* A handler, not SIG_DFL: pid 1 of a namespace never gets a signal it leaves at default. */
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_handler = noop;
        sigaction(signals[i], &action, NULL);
        sigaddset(&handled, signals[i]);
    }
    sigprocmask(SIG_BLOCK, &handled, NULL);
    int signal_fd = signalfd(-1, &handled, SFD_CLOEXEC | SFD_NONBLOCK);
    if (signal_fd < 0) end_all(127);

    int frozen = 0;
    int restop = 0;
    for (;;) {
        struct pollfd watched[2] = { { control_fd, POLLIN, 0 }, { signal_fd, POLLIN, 0 } };
        int ready = poll(watched, 2, restop ? 20 : -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            end_all(127);
        }
        if (ready == 0) {
            /* A second sweep catches what was being forked during the first. */
            if (frozen) kill(-1, SIGSTOP);
            restop = 0;
            continue;
        }
        if (watched[1].revents & POLLIN) {
            struct signalfd_siginfo info;
            while (read(signal_fd, &info, sizeof(info)) == (ssize_t)sizeof(info)) {
                int sig = (int)info.ssi_signo;
                if (sig == SIGCHLD) {
                    int status;
                    pid_t pid;
                    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
                        if (pid == runtime_pid) {
                            /* The runtime is gone, so the environment is. */
                            (void)cps_send_message(control_fd, CPS_MESSAGE_EXITED, status, 0);
                            end_all(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
                        }
                    }
                } else {
                    /* SIGTERM and friends: pass them on, to processes that can take them. */
                    if (frozen) {
                        if (freezer_fd >= 0) (void)cps_thaw_freezer(freezer_fd);
                        kill(-1, SIGCONT);
                        frozen = 0;
                    }
                    kill(-1, sig);
                }
            }
        }
        if (watched[0].revents & POLLNVAL) end_all(127);
        if (watched[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            cps_message message;
            int got;
            while ((got = cps_poll_message(control_fd, &message)) == 1) {
                if (message.kind == CPS_MESSAGE_FREEZE) {
                    kill(-1, SIGSTOP);
                    frozen = 1;
                    restop = 1;
                } else if (message.kind == CPS_MESSAGE_THAW) {
                    kill(-1, SIGCONT);
                    frozen = 0;
                    restop = 0;
                }
            }
            /* The tutor quit or was killed: nothing of the environment may outlive it. */
            if (got < 0) end_all(0);
        }
    }
}
