#define _GNU_SOURCE
#include "CProcessSpawn.h"
#include "root_steps.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* What the child reports on its close-on-exec pipe before exec: nothing at all on success. */
enum { REPORT_FATAL = 1, REPORT_READ_ONLY = 2, REPORT_ROOT = 3 };

static void child_report(int report_fd, int kind, int code) {
    int message[2] = { kind, code };
    ssize_t ignored = write(report_fd, message, sizeof(message));
    (void)ignored;
}

static void child_fail(int report_fd, int code) {
    child_report(report_fd, REPORT_FATAL, code);
    _exit(127);
}

/* A mount namespace of the child's own (a user namespace too when not root); returns 0 or
   an errno. */
static int enter_namespace(const cps_request *request) {
    if (request->refuse_namespaces) return EPERM;
    if (unshare(CLONE_NEWNS) != 0) {
        if (errno != EPERM) return errno;
        /* Not root: a user namespace grants the mount rights, over this namespace only. */
        if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return errno;
        int e = cps_write_file("/proc/self/setgroups", "deny");
        if (e == 0) e = cps_write_file("/proc/self/uid_map", request->uid_map);
        if (e == 0) e = cps_write_file("/proc/self/gid_map", request->gid_map);
        if (e != 0) return e;
    }
    /* Nothing the child mounts may reach the tutor's namespace. */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return errno;
    return 0;
}

/* The function's own root: a tmpfs in root_dir, the steps, then chroot; returns 0 or an errno
   (and then the child is still in the machine's root, with at most a stray tmpfs mounted). */
static int build_root(const cps_request *request) {
    if (mount("tmpfs", request->root_dir, "tmpfs", MS_NOSUID | MS_NODEV, "mode=755") != 0) return errno;
    for (int i = 0; i < request->root_steps; i++) {
        int e = cps_run_root_step(request->root_kinds[i], request->root_sources[i], request->root_targets[i]);
        if (e != 0) return e;
    }
    if (chroot(request->root_dir) != 0) return errno;
    return 0;
}

/* In the namespace: `dir` read-only and, if asked, /tmp a tmpfs of its own (it lives exactly
   as long as the environment's processes); returns 0 or an errno. */
static int isolate(const cps_request *request) {
    if (mount(request->read_only_dir, request->read_only_dir, NULL, MS_BIND | MS_REC, NULL) != 0) return errno;
    if (mount(NULL, request->read_only_dir, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) != 0) return errno;
    if (request->private_tmp_options != NULL &&
        mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, request->private_tmp_options) != 0) return errno;
    return 0;
}

int cps_spawn(const cps_request *request, pid_t *pid, int *read_only_errno, int *root_errno) {
    *read_only_errno = 0;
    *root_errno = 0;
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
        /* Own session and process group: the terminal's Ctrl-C reaches only the tutor, the
           handler cannot open the learner's terminal (/dev/tty), and the tutor can kill the
           environment with everything it forked by one kill(-pgid). */
        if (setsid() < 0) child_fail(report[1], errno);
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
        char *const *argv = request->argv;
        char *const *envp = request->envp;
        const char *cwd = request->cwd;
        if (request->read_only_dir != NULL) {
            int e = enter_namespace(request);
            if (e == 0 && request->root_dir != NULL) {
                int r = build_root(request);
                if (r == 0) {
                    argv = request->root_argv;
                    envp = request->root_envp;
                    cwd = request->root_cwd;
                } else {
                    child_report(report[1], REPORT_ROOT, r);
                }
            }
            if (e == 0 && argv == request->argv) e = isolate(request);
            if (e != 0) child_report(report[1], REPORT_READ_ONLY, e);
            else if (argv == request->argv && request->private_tmp_options != NULL) envp = request->private_envp;
            /* Entering a user namespace changes credentials, which clears the death signal. */
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail(report[1], errno);
            if (getppid() != parent) _exit(127);
        }
        if (cwd != NULL && chdir(cwd) != 0) child_fail(report[1], errno);
        execve(request->path, argv, envp);
        child_fail(report[1], errno);
    }
    close(report[1]);
    /* Messages until end of file, which the exec closes; a fatal one means there was no exec. */
    int fatal = 0;
    for (;;) {
        int message[2];
        ssize_t n;
        do {
            n = read(report[0], message, sizeof(message));
        } while (n < 0 && errno == EINTR);
        if (n != (ssize_t)sizeof(message)) break;
        if (message[0] == REPORT_READ_ONLY) *read_only_errno = message[1];
        if (message[0] == REPORT_ROOT) *root_errno = message[1];
        if (message[0] == REPORT_FATAL) fatal = message[1];
    }
    close(report[0]);
    if (fatal != 0) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        return fatal;
    }
    *pid = child;
    return 0;
}

int cps_open_path(const char *path) {
    return open(path, O_PATH | O_CLOEXEC);
}

int cps_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}
