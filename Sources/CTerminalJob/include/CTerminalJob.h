#ifndef CTERMINALJOB_H
#define CTERMINALJOB_H

#include <stddef.h>
#include <sys/types.h>

/// Runs a program as the terminal's foreground job, the way a shell runs one, and waits for it.
///
/// The child gets a process group of its own, which is made the terminal's foreground group
/// (by the child before exec and by the parent, so neither order of the two races), with every
/// signal back at its default and none blocked. A pager or editor started this way can read
/// keys and set raw mode; Ctrl-C and Ctrl-Z go to it, not to the tutor. When it stops (Ctrl-Z),
/// the terminal comes back, the tutor suspends itself as its shell expects, and on `fg` the job
/// gets the terminal and SIGCONT again. When it ends, the terminal's foreground group and modes
/// are restored and input that arrived meanwhile (a terminal's replies to the program's
/// queries) is discarded. SIGTTOU is ignored while the tutor hands the terminal back.
///
/// - tty_fd: the terminal (the tutor's standard input); -1 runs the program without job control.
/// - input_fd: becomes the child's standard input, or -1 to keep the terminal.
/// - status: the waitpid status of the child.
/// Returns 0, or -1 with errno set when the child could not be started.
int ctj_run_foreground(const char *path, char *const argv[], char *const envp[], int tty_fd, int input_fd, int *status);

/// A read-only descriptor positioned at the start of an anonymous file holding `bytes`
/// (memfd, else an unlinked temporary file): the pager's input, with no pipe to keep fed.
/// Returns -1 with errno set on failure.
int ctj_text_fd(const char *bytes, size_t length);

/// Reads and discards whatever arrives on `fd` until it has been quiet for `quiet_ms`
/// (at most `limit_ms` in all): late replies of a terminal to a program that has exited.
void ctj_drain_input(int fd, int quiet_ms, int limit_ms);

#endif
