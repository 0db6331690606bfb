#define _GNU_SOURCE
#include "CProcessSpawn.h"
#include "root_steps.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <pthread.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The sandbox: pid 1 of new user, mount, pid, IPC and network namespaces, cloned from the
   tutor's spawner thread. Everything between the clone and the exec of lambda-tutor-init runs
   in a copy of the tutor's memory, so only async-signal-safe calls, no allocation. */

#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#ifndef SYS_pivot_root
#define SYS_pivot_root 155
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

/* struct mount_attr and its flags (linux/mount.h), named apart from glibc's own copy. */
struct cps_mount_attr {
    uint64_t attr_set;
    uint64_t attr_clr;
    uint64_t propagation;
    uint64_t userns_fd;
};
#define CPS_MOUNT_ATTR_RDONLY 0x00000001ULL
#define CPS_MOUNT_ATTR_NOSUID 0x00000002ULL

/* Where a sandbox's start spends its time (LAMBDA_TUTOR_SPAWN_TRACE=1, off by default): the
   tutor and pid 1 stamp CLOCK_MONOTONIC into one shared page (MAP_SHARED survives the clone),
   and the tutor prints the steps to stderr once pid 1 reported. clock_gettime is
   async-signal-safe. */
enum {
    TRACE_CLONE, TRACE_CLONED, TRACE_CHILD, TRACE_MAPPED, TRACE_GO, TRACE_MOUNTED, TRACE_PIVOTED,
    TRACE_SEALED, TRACE_NETWORK, TRACE_RUNTIME_RUNS, TRACE_RUNTIME_EXEC, TRACE_RUNTIME, TRACE_READY_SENT, TRACE_READY,
    TRACE_COUNT
};
static const char *const trace_names[TRACE_COUNT] = {
    "clone", "clone-returned", "pid1-runs", "maps-written", "pid1-has-ids", "root-built", "pivoted",
    "sealed", "network", "runtime-runs", "runtime-execs", "runtime-execd", "ready-sent", "ready-received"
};
static double *trace_page;

static void trace(int point) {
    if (trace_page == NULL) return;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    trace_page[point] = (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void trace_begin(void) {
    static int checked;
    if (!checked) {
        checked = 1;
        const char *flag = getenv("LAMBDA_TUTOR_SPAWN_TRACE");
        if (flag != NULL && *flag != '\0' && *flag != '0') {
            void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
            if (page != MAP_FAILED) trace_page = page;
        }
    }
    if (trace_page != NULL) memset(trace_page, 0, sizeof(double) * TRACE_COUNT);
    trace(TRACE_CLONE);
}

static void trace_end(void) {
    if (trace_page == NULL) return;
    trace(TRACE_READY);
    char line[1024];
    int used = snprintf(line, sizeof(line), "spawn-trace:");
    double previous = trace_page[TRACE_CLONE];
    for (int i = 1; i < TRACE_COUNT && used < (int)sizeof(line); i++) {
        if (trace_page[i] == 0) continue;
        used += snprintf(line + used, sizeof(line) - used, " %s=+%.3f", trace_names[i], trace_page[i] - previous);
        previous = trace_page[i];
    }
    if (used < (int)sizeof(line)) snprintf(line + used, sizeof(line) - used, " total=%.3f\n", trace_page[TRACE_READY] - trace_page[TRACE_CLONE]);
    fputs(line, stderr);
}

int cps_send_message(int fd, int kind, int value, int extra) {
    cps_message message = { kind, value, extra };
    ssize_t n;
    do {
        n = send(fd, &message, sizeof(message), MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof(message) ? 0 : (n < 0 ? errno : EIO);
}

int cps_poll_message(int fd, cps_message *message) {
    ssize_t n;
    do {
        n = recv(fd, message, sizeof(*message), MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n == (ssize_t)sizeof(*message)) return 1;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
    return -1;
}

int cps_write_freezer(int fd, const char *state) {
    size_t length = strlen(state);
    ssize_t n = pwrite(fd, state, length, 0);
    return n == (ssize_t)length ? 0 : (n < 0 ? errno : EIO);
}

int cps_thaw_freezer(int fd) {
    return cps_write_freezer(fd, "0") == 0 ? 0 : cps_write_freezer(fd, "THAWED");
}

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#define CPS_CLONE_INTO_CGROUP 0x200000000ULL

/* struct clone_args (linux/sched.h, version 2), named apart from the system's copy. */
struct cps_clone_args {
    uint64_t flags;
    uint64_t pidfd;
    uint64_t child_tid;
    uint64_t parent_tid;
    uint64_t exit_signal;
    uint64_t stack;
    uint64_t stack_size;
    uint64_t tls;
    uint64_t set_tid;
    uint64_t set_tid_size;
    uint64_t cgroup;
};

static void __attribute__((noreturn)) pid1_fail(int control, int stage, int step, int code) {
    cps_send_message(control, CPS_MESSAGE_FAILED, code == 0 ? EIO : code, stage | (step << 8));
    _exit(127);
}

/* `target` (a host path under root_dir) as seen once the root is entered. */
static const char *inside(const cps_sandbox_request *request, const char *target) {
    size_t prefix = strlen(request->root_dir);
    const char *rest = target + prefix;
    return *rest == '\0' ? "/" : rest;
}

static int bring_up_loopback(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return errno;
    struct ifreq request;
    memset(&request, 0, sizeof(request));
    memcpy(request.ifr_name, "lo", 3);
    int e = 0;
    if (ioctl(s, SIOCGIFFLAGS, &request) != 0) e = errno;
    if (e == 0) {
        request.ifr_flags |= IFF_UP | IFF_RUNNING;
        if (ioctl(s, SIOCSIFFLAGS, &request) != 0) e = errno;
    }
    close(s);
    return e;
}

static int listen_on(unsigned short port, int *fd) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0) return errno;
    int one = 1;
    (void)setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in address;
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&address, sizeof(address)) != 0 || listen(s, 64) != 0) {
        int e = errno;
        close(s);
        return e;
    }
    *fd = s;
    return 0;
}

/* MS_REMOUNT|MS_BIND|MS_RDONLY keeping the flags the mount has (a user namespace may not clear
   them): the fallback when mount_setattr is missing. */
static int remount_read_only(const char *path) {
    struct statvfs info;
    if (statvfs(path, &info) != 0) return errno;
    unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID;
    if (info.f_flag & ST_NODEV) flags |= MS_NODEV;
    if (info.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (info.f_flag & ST_NOATIME) flags |= MS_NOATIME;
    if (info.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
    if (info.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    return mount(NULL, path, NULL, flags, NULL) == 0 ? 0 : errno;
}

static int is_writable_step(int kind) {
    return kind == CPS_ROOT_WRITABLE_TMPFS || kind == CPS_ROOT_PROC;
}

/* Everything in the root read-only and without set-user-ID, except the writable steps. */
static int seal_root(const cps_sandbox_request *request) {
    struct cps_mount_attr attr = { CPS_MOUNT_ATTR_RDONLY | CPS_MOUNT_ATTR_NOSUID, 0, 0, 0 };
    if (syscall(SYS_mount_setattr, AT_FDCWD, "/", AT_RECURSIVE, &attr, sizeof(attr)) == 0) {
        struct cps_mount_attr writable = { 0, CPS_MOUNT_ATTR_RDONLY, 0, 0 };
        for (int i = 0; i < request->root_steps; i++) {
            if (!is_writable_step(request->root_kinds[i])) continue;
            if (syscall(SYS_mount_setattr, AT_FDCWD, inside(request, request->root_targets[i]), 0, &writable, sizeof(writable)) != 0) return errno;
        }
        return 0;
    }
    if (errno != ENOSYS && errno != EINVAL) return errno;
    for (int i = 0; i < request->root_steps; i++) {
        int kind = request->root_kinds[i];
        if (kind == CPS_ROOT_BIND_DIR || kind == CPS_ROOT_BIND_FILE || kind == CPS_ROOT_BIND_PATH ||
            kind == CPS_ROOT_BIND_READ_ONLY) {
            /* Optional binds that did not happen are plain folders of the root: skip errors there. */
            int e = remount_read_only(inside(request, request->root_targets[i]));
            if (e != 0 && kind != CPS_ROOT_BIND_DIR && kind != CPS_ROOT_BIND_FILE) return e;
        }
    }
    return remount_read_only("/");
}

typedef struct {
    const cps_sandbox_request *request;
    int error;
    int in_cgroup;             /* cloned into the freezer cgroup already */
    int report_fd;             /* a copy of pid 1's memory: the errno goes here (close-on-exec), or -1 */
} runtime_start;

static void __attribute__((noreturn)) runtime_fail(runtime_start *start, int code) {
    start->error = code;
    if (start->report_fd >= 0) (void)write(start->report_fd, &code, sizeof(code));
    _exit(127);
}

/* The runtime: on a stack of its own while pid 1 waits (CLONE_VM | CLONE_VFORK), or in a copy
   of pid 1's memory when cloned into its cgroup (clone3 has no CLONE_VM without a stack
   trampoline), reporting a failure through report_fd. */
static int runtime_main(void *argument) {
    runtime_start *start = argument;
    const cps_sandbox_request *request = start->request;
    trace(TRACE_RUNTIME_RUNS);
    if (request->drop_to_inside) {
        if (syscall(SYS_setresgid, request->inside_gid, request->inside_gid, request->inside_gid) != 0 ||
            syscall(SYS_setresuid, request->inside_uid, request->inside_uid, request->inside_uid) != 0) {
            runtime_fail(start, errno);
        }
    }
    /* No set-user-ID program can give the function more than it has. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) runtime_fail(start, errno);
    if (request->address_space_limit > 0) {
        struct rlimit limit = { request->address_space_limit, request->address_space_limit };
        if (setrlimit(RLIMIT_AS, &limit) != 0) runtime_fail(start, errno);
    }
    if (!start->in_cgroup && request->freezer_procs_fd >= 0 && write(request->freezer_procs_fd, "0", 1) != 1) {
        runtime_fail(start, errno);
    }
    if (start->report_fd >= 0) {
        cps_close_all_except(&start->report_fd, 1);
    } else {
        cps_close_from(3);
    }
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        signal(sig, SIG_DFL);
    }
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    if (request->cwd != NULL && chdir(request->cwd) != 0) runtime_fail(start, errno);
    trace(TRACE_RUNTIME_EXEC);
    execve(request->path, request->argv, request->envp);
    runtime_fail(start, errno);
}

/* Starts the runtime straight in its freezer cgroup (v2, CLONE_INTO_CGROUP), in a copy of
   pid 1's memory, without waiting for it: it reports a failure to exec on `report_fd`, whose
   other end the tutor reads once READY came (so pid 1 need not wake up again before it says
   READY: one hand-off less on the way, which a loaded machine makes milliseconds long).
   Returns its pid, or -1 with *error set; ENOSYS, EINVAL or E2BIG mean this kernel cannot. */
static pid_t start_runtime_in_cgroup(const cps_sandbox_request *request, int report_fd, int *error) {
    struct cps_clone_args args;
    memset(&args, 0, sizeof(args));
    args.flags = CPS_CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = (uint64_t)request->freezer_cgroup_fd;
    long child = syscall(SYS_clone3, &args, sizeof(args));
    if (child == 0) {
        runtime_start start = { request, 0, 1, report_fd };
        runtime_main(&start);
    }
    if (child < 0) {
        *error = errno;
        return -1;
    }
    return (pid_t)child;
}

/* `report_fd`: the write end of the tutor's exec report pipe (see start_runtime_in_cgroup);
   pid 1 closes its copy once the runtime is started. */
static void __attribute__((noreturn)) pid1_main(const cps_sandbox_request *request, int control, int report_fd) {
    trace(TRACE_CHILD);
    /* The runtime's stdin, stdout and stderr are pid 1's; nothing else of the tutor's stays
       open (other environments' control sockets would keep them alive). */
    if (dup2(request->stdin_fd, 0) < 0 || dup2(request->output_fd, 1) < 0 || dup2(request->output_fd, 2) < 0) {
        pid1_fail(control, CPS_STAGE_EXEC, 0, errno);
    }
    int keep[6] = { control, request->init_fd, request->freezer_procs_fd, request->freezer_state_fd, request->freezer_cgroup_fd,
                    report_fd };
    cps_close_all_except(keep, 6);
    /* A session of its own: no controlling terminal (the learner's), and one process group
       (this pid) the tutor can signal. */
    if (setsid() < 0) pid1_fail(control, CPS_STAGE_EXEC, 0, errno);
    /* With a freezer cgroup, pid 1 must thaw before it dies (a frozen process cannot die):
       then the closing control socket ends it, not SIGKILL. */
    if (request->freezer_state_fd < 0 && prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) pid1_fail(control, CPS_STAGE_EXEC, 0, errno);

    if (request->deny_setgroups) {
        /* Not root: a single line mapping our own ids is ours to write. */
        int e = cps_write_file("/proc/self/setgroups", "deny");
        if (e == 0) e = cps_write_file("/proc/self/uid_map", request->uid_map);
        if (e == 0) e = cps_write_file("/proc/self/gid_map", request->gid_map);
        if (e != 0) pid1_fail(control, CPS_STAGE_ID_MAP, 0, e);
    } else {
        /* Root writes the maps from outside, then says go. */
        cps_message go;
        ssize_t n;
        do {
            n = recv(control, &go, sizeof(go), 0);
        } while (n < 0 && errno == EINTR);
        if (n != (ssize_t)sizeof(go) || go.kind != CPS_MESSAGE_GO) _exit(127);
    }

    trace(TRACE_GO);
    if (request->drop_to_inside && syscall(SYS_setgroups, 0, NULL) != 0) pid1_fail(control, CPS_STAGE_IDENTITY, 0, errno);

    /* The root. */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) pid1_fail(control, CPS_STAGE_MOUNT, 255, errno);
    if (mount("tmpfs", request->root_dir, "tmpfs", MS_NOSUID | MS_NODEV, "mode=755") != 0) pid1_fail(control, CPS_STAGE_MOUNT, 255, errno);
    for (int i = 0; i < request->root_steps; i++) {
        int e = cps_run_root_step(request->root_kinds[i], request->root_sources[i], request->root_targets[i]);
        if (e != 0) pid1_fail(control, CPS_STAGE_MOUNT, i, e);
    }
    trace(TRACE_MOUNTED);
    if (chdir(request->root_dir) != 0) pid1_fail(control, CPS_STAGE_PIVOT, 0, errno);
    if (syscall(SYS_pivot_root, ".", ".") != 0) pid1_fail(control, CPS_STAGE_PIVOT, 0, errno);
    if (umount2(".", MNT_DETACH) != 0) pid1_fail(control, CPS_STAGE_PIVOT, 0, errno);
    if (chdir("/") != 0) pid1_fail(control, CPS_STAGE_PIVOT, 0, errno);
    trace(TRACE_PIVOTED);
    int sealed = seal_root(request);
    if (sealed != 0) pid1_fail(control, CPS_STAGE_PIVOT, 1, sealed);
    trace(TRACE_SEALED);

    /* The network: loopback only, and the ports the tutor serves, bound in here. */
    int fds[CPS_MAX_PORTS];
    int count = request->share_network ? 0 : request->port_count;
    if (!request->share_network) {
        int e = bring_up_loopback();
        if (e != 0) pid1_fail(control, CPS_STAGE_NETWORK, 0, e);
        for (int i = 0; i < count; i++) {
            e = listen_on(request->ports[i], &fds[i]);
            if (e != 0) pid1_fail(control, CPS_STAGE_NETWORK, i + 1, e);
        }
    }

    trace(TRACE_NETWORK);

    /* The runtime: straight into its freezer cgroup where the kernel can, else it joins. */
    pid_t runtime = -1;
    if (request->freezer_cgroup_fd >= 0) {
        int e = 0;
        runtime = start_runtime_in_cgroup(request, report_fd, &e);
        if (runtime < 0 && e != ENOSYS && e != EINVAL && e != E2BIG) pid1_fail(control, CPS_STAGE_EXEC, 0, e);
        if (runtime < 0 && request->freezer_procs_fd < 0) pid1_fail(control, CPS_STAGE_EXEC, 0, e);
    }
    if (runtime < 0) {
        size_t stack_size = 64 * 1024;
        char *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
        if (stack == MAP_FAILED) pid1_fail(control, CPS_STAGE_EXEC, 0, errno);
        runtime_start start = { request, 0, 0, -1 };
        runtime = clone(runtime_main, stack + stack_size, CLONE_VM | CLONE_VFORK | SIGCHLD, &start);
        if (runtime < 0) pid1_fail(control, CPS_STAGE_EXEC, 0, errno);
        munmap(stack, stack_size);
        if (start.error != 0) {
            int status;
            while (waitpid(runtime, &status, 0) < 0 && errno == EINTR) {}
            pid1_fail(control, CPS_STAGE_EXEC, 0, start.error);
        }
    }
    close(report_fd);
    trace(TRACE_RUNTIME);

    if (request->drop_to_inside) {
        if (syscall(SYS_setresgid, request->inside_gid, request->inside_gid, request->inside_gid) != 0 ||
            syscall(SYS_setresuid, request->inside_uid, request->inside_uid, request->inside_uid) != 0) {
            kill(runtime, SIGKILL);
            pid1_fail(control, CPS_STAGE_IDENTITY, 1, errno);
        }
        /* A change of ids clears the death signal. */
        if (request->freezer_state_fd < 0 && prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
            kill(runtime, SIGKILL);
            pid1_fail(control, CPS_STAGE_IDENTITY, 2, errno);
        }
    }

    /* READY, with the listening sockets attached. */
    cps_message ready = { CPS_MESSAGE_READY, (int)runtime, count };
    struct iovec part = { &ready, sizeof(ready) };
    union {
        char space[CMSG_SPACE(sizeof(int) * CPS_MAX_PORTS)];
        struct cmsghdr align;
    } control_data;
    struct msghdr message;
    memset(&message, 0, sizeof(message));
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    if (count > 0) {
        memset(&control_data, 0, sizeof(control_data));
        message.msg_control = control_data.space;
        message.msg_controllen = CMSG_SPACE(sizeof(int) * count);
        struct cmsghdr *header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int) * count);
        memcpy(CMSG_DATA(header), fds, sizeof(int) * count);
    }
    ssize_t sent;
    do {
        sent = sendmsg(control, &message, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    trace(TRACE_READY_SENT);
    for (int i = 0; i < count; i++) close(fds[i]);
    if (sent != (ssize_t)sizeof(ready)) {
        kill(-1, SIGKILL);
        _exit(127);
    }

    /* Become lambda-tutor-init: a small program instead of a copy of the tutor's memory. */
    if (request->init_fd >= 0) {
        char control_text[16], runtime_text[16], freezer_text[16];
        cps_format_int(control_text, control);
        cps_format_int(runtime_text, runtime);
        if (request->freezer_state_fd >= 0) {
            cps_format_int(freezer_text, request->freezer_state_fd);
        } else {
            memcpy(freezer_text, "-", 2);
        }
        char *const argv[] = { "lambda-tutor-init", control_text, runtime_text, freezer_text, NULL };
        /* Both were opened close-on-exec by the tutor; init needs them. */
        int control_flags = fcntl(control, F_GETFD);
        int freezer_flags = request->freezer_state_fd >= 0 ? fcntl(request->freezer_state_fd, F_GETFD) : 0;
        fcntl(control, F_SETFD, control_flags & ~FD_CLOEXEC);
        if (request->freezer_state_fd >= 0) fcntl(request->freezer_state_fd, F_SETFD, freezer_flags & ~FD_CLOEXEC);
        syscall(SYS_execveat, request->init_fd, "", argv, request->envp, AT_EMPTY_PATH);
        fcntl(control, F_SETFD, control_flags);
    }
    cps_init_run(control, runtime, request->freezer_state_fd);
}

int cps_spawn_sandbox(const cps_sandbox_request *request, cps_sandbox_result *result) {
    memset(result, 0, sizeof(*result));
    result->pid = -1;
    result->control_fd = -1;
    for (int i = 0; i < CPS_MAX_PORTS; i++) result->listen_fds[i] = -1;
    if (request->refuse_namespaces) {
        result->failed_stage = CPS_STAGE_CLONE;
        return EPERM;
    }
    if (request->port_count < 0 || request->port_count > CPS_MAX_PORTS) return EINVAL;

    int sockets[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0) return errno;
    long flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | SIGCHLD;
    if (!request->share_network) flags |= CLONE_NEWNET;

    /* The child starts with every signal blocked: the tutor's handlers must never run there. */
    trace_begin();
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        int e = errno;
        pthread_sigmask(SIG_SETMASK, &previous, NULL);
        close(sockets[0]);
        close(sockets[1]);
        return e;
    }
    long child = syscall(SYS_clone, flags, NULL, NULL, NULL, 0);
    if (child == 0) {
        close(sockets[0]);
        close(report[0]);
        pid1_main(request, sockets[1], report[1]);
    }
    close(report[1]);
    int clone_errno = errno;
    trace(TRACE_CLONED);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(sockets[1]);
    if (child < 0) {
        close(sockets[0]);
        close(report[0]);
        result->failed_stage = CPS_STAGE_CLONE;
        return clone_errno;
    }
    pid_t pid = (pid_t)child;

    /* A root tutor writes the id maps from outside (it may map the sandbox to an id of its
       own choosing); anyone else's pid 1 maps its own ids. */
    if (!request->deny_setgroups) {
        char path[64], number[16];
        cps_format_int(number, pid);
        memcpy(path, "/proc/", 7);
        strcat(path, number);
        strcat(path, "/uid_map");
        int e = cps_write_file(path, request->uid_map);
        if (e == 0) {
            memcpy(path, "/proc/", 7);
            strcat(path, number);
            strcat(path, "/gid_map");
            e = cps_write_file(path, request->gid_map);
        }
        trace(TRACE_MAPPED);
        if (e == 0) e = cps_send_message(sockets[0], CPS_MESSAGE_GO, 0, 0);
        if (e != 0) {
            kill(pid, SIGKILL);
            int status;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
            close(sockets[0]);
            close(report[0]);
            result->failed_stage = CPS_STAGE_ID_MAP;
            return e;
        }
    }

    cps_message reply;
    struct iovec part = { &reply, sizeof(reply) };
    union {
        char space[CMSG_SPACE(sizeof(int) * CPS_MAX_PORTS)];
        struct cmsghdr align;
    } control_data;
    struct msghdr message;
    memset(&message, 0, sizeof(message));
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    message.msg_control = control_data.space;
    message.msg_controllen = sizeof(control_data.space);
    ssize_t n;
    do {
        n = recvmsg(sockets[0], &message, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    int received = 0;
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); n > 0 && header != NULL; header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) continue;
        int fds = (int)((header->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int i = 0; i < fds; i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(header) + i * sizeof(int), sizeof(int));
            if (received < CPS_MAX_PORTS) result->listen_fds[received++] = fd;
            else close(fd);
        }
    }
    int ready = n == (ssize_t)sizeof(reply) && reply.kind == CPS_MESSAGE_READY && received == (request->share_network ? 0 : request->port_count);
    /* The runtime's exec: the pipe closes when it exec'd (and pid 1 let go of its end), or
       carries the errno of its failure. */
    int exec_errno = 0;
    if (ready) {
        ssize_t got;
        do {
            got = read(report[0], &exec_errno, sizeof(exec_errno));
        } while (got < 0 && errno == EINTR);
        if (got != (ssize_t)sizeof(exec_errno)) exec_errno = 0;
    }
    close(report[0]);
    if (ready && exec_errno == 0) {
        result->pid = pid;
        result->control_fd = sockets[0];
        trace_end();
        return 0;
    }
    for (int i = 0; i < received; i++) {
        close(result->listen_fds[i]);
        result->listen_fds[i] = -1;
    }
    int code = EPROTO;
    result->failed_stage = CPS_STAGE_PROTOCOL;
    if (ready) {
        code = exec_errno;
        result->failed_stage = CPS_STAGE_EXEC;
    } else if (n == (ssize_t)sizeof(reply) && reply.kind == CPS_MESSAGE_FAILED) {
        code = reply.value;
        result->failed_stage = reply.extra & 0xff;
        result->failed_step = (reply.extra >> 8) & 0xffff;
    }
    kill(pid, SIGKILL);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    close(sockets[0]);
    return code;
}
