// C glue for libedit's readline emulation.
//
// Swift 6 refuses to touch C mutable globals directly, so every libedit global the line editor
// uses gets a static inline accessor here. The SIGINT handler also lives in C so that no Swift
// code ever runs in signal context: it only sets a flag that Swift reads and clears.
#ifndef CLIBEDIT_SHIM_H
#define CLIBEDIT_SHIM_H

#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/time.h>
#include <editline/readline.h>

static inline void clibedit_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void clibedit_set_completion_function(rl_completion_func_t *fn) { rl_attempted_completion_function = fn; }
static inline void clibedit_set_completion_over(int value) { rl_attempted_completion_over = value; }
static inline void clibedit_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline const char *clibedit_line_buffer(void) { return rl_line_buffer; }
static inline void clibedit_set_basic_word_break_characters(const char *chars) { rl_basic_word_break_characters = chars; }

static volatile sig_atomic_t clibedit_interrupted = 0;

static void clibedit_sigint_handler(int signo) {
    (void)signo;
    clibedit_interrupted = 1;
}

/// Installs a SIGINT handler without SA_RESTART, so a blocked read() in readline returns and
/// the line can be cancelled instead of the process being killed.
static inline int clibedit_install_sigint_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = clibedit_sigint_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(SIGINT, &action, NULL);
}

/// Returns 1 (and clears the flag) if Ctrl-C arrived since the last call.
static inline int clibedit_take_interrupt(void) {
    int value = clibedit_interrupted;
    clibedit_interrupted = 0;
    return value;
}

/// Reads the flag without clearing it (for polling while a command runs).
static inline int clibedit_peek_interrupt(void) { return clibedit_interrupted; }

/// A wake-up alarm for a prompt that must end at a given time (an exam's deadline): SIGALRM
/// without SA_RESTART interrupts readline's blocked read() the way Ctrl-C does. The timer
/// repeats every 50 ms after the first expiry until it is disarmed, in case one interrupted
/// read is retried.
static volatile sig_atomic_t clibedit_alarmed = 0;
static void clibedit_alarm_handler(int signo) {
    (void)signo;
    clibedit_alarmed = 1;
}
static inline int clibedit_arm_alarm(long long microseconds) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = clibedit_alarm_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    if (sigaction(SIGALRM, &action, NULL) != 0) return -1;
    clibedit_alarmed = 0;
    if (microseconds < 1) microseconds = 1;
    struct itimerval timer;
    timer.it_value.tv_sec = (time_t)(microseconds / 1000000);
    timer.it_value.tv_usec = (suseconds_t)(microseconds % 1000000);
    timer.it_interval.tv_sec = 0;
    timer.it_interval.tv_usec = 50000;
    return setitimer(ITIMER_REAL, &timer, NULL);
}
/// Stops the alarm; returns 1 if it went off since it was armed.
static inline int clibedit_disarm_alarm(void) {
    struct itimerval off;
    memset(&off, 0, sizeof(off));
    setitimer(ITIMER_REAL, &off, NULL);
    int value = clibedit_alarmed;
    clibedit_alarmed = 0;
    return value;
}
/// Termination signals (SIGTERM, SIGHUP, SIGQUIT) write their number to a pipe that a Swift
/// thread reads, so cleanup (stopping child processes, restoring the terminal) runs outside
/// signal context. write() is async-signal-safe.
static int clibedit_termination_fd = -1;

static void clibedit_termination_handler(int signo) {
    unsigned char byte = (unsigned char)signo;
    if (clibedit_termination_fd >= 0) {
        ssize_t ignored = write(clibedit_termination_fd, &byte, 1);
        (void)ignored;
    }
}

static inline int clibedit_install_termination_handlers(int fd) {
    clibedit_termination_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = clibedit_termination_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGTERM, &action, NULL) != 0) return -1;
    if (sigaction(SIGHUP, &action, NULL) != 0) return -1;
    if (sigaction(SIGQUIT, &action, NULL) != 0) return -1;
    return 0;
}

#endif
