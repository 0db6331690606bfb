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

/// pipe2(fds, O_CLOEXEC): Glibc's Swift overlay does not export pipe2.
int cps_pipe_cloexec(int fds[2]);

#endif
