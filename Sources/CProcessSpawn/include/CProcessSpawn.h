#ifndef CPROCESSSPAWN_H
#define CPROCESSSPAWN_H

#include <sys/types.h>

/// What the child does between fork and exec. Swift cannot run code in a forked child safely,
/// so these steps live in C and use only async-signal-safe calls.
typedef struct {
    const char *path;          /* absolute path of the executable */
    char *const *argv;         /* NULL-terminated */
    char *const *envp;         /* NULL-terminated */
    const char *cwd;           /* working directory, or NULL */
    int stdin_fd;              /* becomes fd 0 */
    int output_fd;             /* becomes fd 1 and fd 2 (Lambda merges both streams) */
    unsigned long long address_space_limit; /* RLIMIT_AS in bytes, 0 = unlimited */
    const char *read_only_dir; /* made read-only for the child in a mount namespace of its own, or NULL */
    const char *uid_map;       /* "UID UID 1\n": written when an unprivileged user namespace is needed */
    const char *gid_map;       /* "GID GID 1\n" */
    const char *private_tmp_options; /* with read_only_dir: tmpfs options for a private /tmp, or NULL */
    char *const *private_envp; /* the environment to use once /tmp is private (NULL-terminated) */
    /* With read_only_dir: a root of the function's own, built in this (empty) folder and
       entered with chroot, or NULL. */
    const char *root_dir;
    const int *root_kinds;              /* per step: a cps_root_step */
    const char *const *root_sources;    /* per step: host path, symlink target or tmpfs options */
    const char *const *root_targets;    /* per step: absolute path under root_dir */
    int root_steps;
    char *const *root_argv;             /* argv, envp and working directory inside that root */
    char *const *root_envp;
    const char *root_cwd;
    int refuse_namespaces;              /* tests: act as a system that refuses namespaces (EPERM) */
} cps_request;

/// How each step of a root of the function's own is made. Optional steps that fail are left
/// out (a folder of the machine the function cannot see); required ones abandon the root.
typedef enum {
    CPS_ROOT_BIND_DIR = 1,       /* optional: mkdir, recursive bind of the source */
    CPS_ROOT_BIND_FILE = 2,      /* optional: empty file, bind of the source */
    CPS_ROOT_SYMLINK = 3,        /* optional: symlink to the source text */
    CPS_ROOT_MKDIR = 4,          /* required: mkdir */
    CPS_ROOT_BIND_READ_ONLY = 5, /* required: mkdir, bind of the source, read-only */
    CPS_ROOT_TMPFS = 6,          /* required: mkdir, tmpfs with the source as its options */
    /* The sandbox's (cps_spawn_sandbox) own kinds; the whole root is made read-only at the end. */
    CPS_ROOT_BIND_PATH = 7,      /* required: mkdir -p, recursive bind of the source (a host path the runtime needs) */
    CPS_ROOT_MASK = 8,           /* if the target is a folder: an empty tmpfs over it (a private folder of the machine) */
    CPS_ROOT_DEVICE = 9,         /* required: empty file, bind of the device node named by the source */
    CPS_ROOT_PROC = 10,          /* required: mkdir, a proc of the environment's own pid namespace */
    CPS_ROOT_WRITABLE_TMPFS = 11, /* required: mkdir -p, tmpfs with the source as options, left writable (/tmp) */
} cps_root_step;

/// Forks and execs `request`. The child gets its own process group (pgid = pid), SIGKILL when
/// the forking thread's process dies (PR_SET_PDEATHSIG), default signal dispositions, an empty
/// signal mask, and no inherited descriptors except 0, 1 and 2.
/// With `read_only_dir`, the child first enters a mount namespace of its own (as root directly,
/// otherwise inside a user namespace that maps only the caller's ids) and bind-mounts the folder
/// read-only onto itself, as Lambda's file system is read-only outside /tmp; with
/// `private_tmp_options` it also mounts a tmpfs of its own on /tmp and runs with `private_envp`.
/// With `root_dir` it first tries to build a root of its own from the steps (the machine's
/// folders bound in, the code at /var/task, a tmpfs at /tmp) and enter it with `root_argv`,
/// `root_envp` and `root_cwd`; if that fails, *root_errno says why and it falls back to the
/// read-only bind and private /tmp above.
/// That step is best effort: when the kernel refuses it, the child runs anyway with `envp`
/// and *read_only_errno says why.
/// Returns 0 and sets *pid on success; returns an errno value when fork or exec failed.
int cps_spawn(const cps_request *request, pid_t *pid, int *read_only_errno, int *root_errno);

/// Most ports one sandbox binds inside its network namespace.
#define CPS_MAX_PORTS 8

/// An execution environment in a sandbox of its own (``cps_spawn_sandbox``): user, mount, pid,
/// IPC and (unless `share_network`) network namespaces, a root built from `root_*` steps and
/// entered with pivot_root (the rest of the machine's file system is not in it), read-only
/// except the writable tmpfs steps and /proc, the runtime running as `inside_uid`.
typedef struct {
    const char *path;          /* the runtime's executable, as seen inside the root */
    char *const *argv;         /* NULL-terminated */
    char *const *envp;         /* NULL-terminated; pid 1 gets it too */
    const char *cwd;           /* inside the root */
    int stdin_fd;              /* becomes the runtime's fd 0 */
    int output_fd;             /* becomes the runtime's fd 1 and fd 2 */
    unsigned long long address_space_limit; /* RLIMIT_AS of the runtime, 0 = none */
    const char *root_dir;      /* an empty host folder the root is built in (a tmpfs on it) */
    const int *root_kinds;     /* per step: a cps_root_step */
    const char *const *root_sources;
    const char *const *root_targets;   /* absolute host paths under root_dir */
    int root_steps;
    int share_network;         /* 1: stay in the tutor's network namespace (no ports bound) */
    const unsigned short *ports; /* bound on 127.0.0.1 inside the new network namespace */
    int port_count;            /* at most CPS_MAX_PORTS */
    const char *uid_map;       /* "INSIDE OUTSIDE 1\n" */
    const char *gid_map;
    int deny_setgroups;        /* 1 when the tutor is not root: pid 1 maps its own ids (one line each,
                                  setgroups denied first), which saves a round trip; a root tutor
                                  writes the maps from outside (mapping other ids needs its CAP_SETUID) */
    int drop_to_inside;        /* 1 when the tutor is root: pid 1 and the runtime switch to inside_uid/gid (no groups) */
    unsigned inside_uid;
    unsigned inside_gid;
    int init_fd;               /* O_PATH descriptor of lambda-tutor-init, or -1: pid 1 then stays a copy of the tutor */
    int freezer_procs_fd;      /* cgroup.procs of the environment's freezer cgroup (the runtime joins it), or -1 */
    int freezer_state_fd;      /* its freezer.state (v1) or cgroup.freeze (v2): pid 1 thaws it before it kills all; or -1 */
    int freezer_cgroup_fd;     /* v2: the cgroup's folder (O_PATH); the runtime is cloned straight into it
                                  (CLONE_INTO_CGROUP), which spares the milliseconds a move through
                                  cgroup.procs waits for the kernel; -1 to join through freezer_procs_fd */
    int refuse_namespaces;     /* tests: act as a system that refuses namespaces (EPERM) */
} cps_sandbox_request;

/// Where a sandbox could not be set up (``cps_sandbox_result/failed_stage``).
typedef enum {
    CPS_STAGE_NONE = 0,
    CPS_STAGE_CLONE = 1,       /* the kernel refused the namespaces */
    CPS_STAGE_ID_MAP = 2,      /* writing uid_map/gid_map */
    CPS_STAGE_MOUNT = 3,       /* building the root (failed_step says which step) */
    CPS_STAGE_PIVOT = 4,       /* entering it */
    CPS_STAGE_NETWORK = 5,     /* loopback or a listening port */
    CPS_STAGE_EXEC = 6,        /* starting the runtime */
    CPS_STAGE_IDENTITY = 7,    /* switching to the inside ids */
    CPS_STAGE_PROTOCOL = 8,    /* pid 1 ended before it reported */
} cps_stage;

typedef struct {
    pid_t pid;                 /* pid 1 of the sandbox as the tutor sees it (also its process group) */
    int control_fd;            /* the tutor's end of the control socket (close-on-exec) */
    int listen_fds[CPS_MAX_PORTS]; /* per port, listening, close-on-exec */
    int failed_stage;          /* a cps_stage when the call failed */
    int failed_step;           /* with CPS_STAGE_MOUNT: the index of the root step */
} cps_sandbox_result;

/// Starts `request` in a sandbox. Returns 0 and fills `result` on success; otherwise an errno
/// value with `result->failed_stage` saying where (CPS_STAGE_CLONE: the system refuses
/// namespaces, the caller falls back to ``cps_spawn``). Nothing is left running on failure.
///
/// Pid 1 of the sandbox is the tutor's child: it builds the root, binds the ports, starts the
/// runtime, hands the listening descriptors back over the control socket (SCM_RIGHTS), then
/// becomes `lambda-tutor-init` (``cps_init_run``): it reaps, forwards SIGTERM, stops and
/// continues everything on 'F' and 'T' from the control socket, and when the control socket
/// closes (the tutor quit or was killed, even with SIGKILL) it kills every process of the
/// namespace, and so the namespace ends.
int cps_spawn_sandbox(const cps_sandbox_request *request, cps_sandbox_result *result);

/// Messages on the control socket (SOCK_SEQPACKET), one `cps_message` each.
enum {
    CPS_MESSAGE_GO = 1,        /* tutor → pid 1: the id maps are written */
    CPS_MESSAGE_READY = 2,     /* pid 1 → tutor: the runtime runs (value: its pid inside); the ports' descriptors attached */
    CPS_MESSAGE_FAILED = 3,    /* pid 1 → tutor: value = errno, extra = stage | step << 8 */
    CPS_MESSAGE_FREEZE = 4,    /* tutor → pid 1: SIGSTOP every process (when no freezer cgroup) */
    CPS_MESSAGE_THAW = 5,      /* tutor → pid 1: SIGCONT every process */
    CPS_MESSAGE_EXITED = 6,    /* pid 1 → tutor: the runtime ended; value = its wait status */
};

typedef struct {
    int kind;
    int value;
    int extra;
} cps_message;

/// The body of pid 1 once the runtime runs (the whole of `lambda-tutor-init`). Never returns.
void cps_init_run(int control_fd, pid_t runtime_pid, int freezer_state_fd) __attribute__((noreturn));

/// Sends one message on a control socket; returns 0 or an errno.
int cps_send_message(int fd, int kind, int value, int extra);

/// Receives one message without blocking; returns 1 with `*message` filled, 0 when none is
/// waiting, -1 at end of file or on error.
int cps_poll_message(int fd, cps_message *message);

/// Writes `state` ("FROZEN" or "THAWED"; "1" or "0" for a v2 cgroup.freeze) to a freezer
/// descriptor; returns 0 or an errno.
int cps_write_freezer(int fd, const char *state);

/// Thaws a freezer descriptor of either kind (v1 freezer.state or v2 cgroup.freeze: the one
/// that does not apply is refused by the kernel); returns 0 or an errno.
int cps_thaw_freezer(int fd);

/// open(path, O_PATH | O_CLOEXEC): a descriptor to exec later (Swift does not see O_PATH).
int cps_open_path(const char *path);

/// pipe2(fds, O_CLOEXEC): Glibc's Swift overlay does not export pipe2.
int cps_pipe_cloexec(int fds[2]);

#endif
