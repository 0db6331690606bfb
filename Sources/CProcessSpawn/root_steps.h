#ifndef CPS_ROOT_STEPS_H
#define CPS_ROOT_STEPS_H

/* Internal to CProcessSpawn: the steps that build a root of the function's own, shared by the
   plain spawn (spawn.c) and the sandbox (sandbox.c). Only async-signal-safe calls: they run
   in a forked child. */

/* Runs one step (targets are absolute host paths under the root folder); returns 0 or an
   errno. Optional steps never fail. */
int cps_run_root_step(int kind, const char *source, const char *target);

/* mkdir with every missing parent (0755), like `mkdir -p`; returns 0 or an errno. */
int cps_make_path(const char *path);

/* Writes `text` to the file at `path` (opened write-only); returns 0 or an errno. */
int cps_write_file(const char *path, const char *text);

/* close_range(first, ~0) with a loop as the fallback on old kernels. */
void cps_close_from(int first);

/* Closes every descriptor except 0, 1, 2 and those in `keep`. */
void cps_close_all_except(const int *keep, int count);

/* Formats a non-negative number in decimal into `buffer` (at least 12 bytes). */
void cps_format_int(char *buffer, long value);

#endif
