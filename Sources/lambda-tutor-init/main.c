// lambda-tutor-init: pid 1 of each sandboxed execution environment (see cps_spawn_sandbox).
// Started by the tutor's sandbox code, never by hand:
//   lambda-tutor-init CONTROL_FD RUNTIME_PID FREEZER_FD|-
#include "CProcessSpawn.h"

#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4 || getpid() != 1) {
        static const char usage[] = "lambda-tutor-init is pid 1 of a lambda-tutor execution environment; it is not run by hand\n";
        (void)!write(2, usage, sizeof(usage) - 1);
        return 2;
    }
    int control = atoi(argv[1]);
    pid_t runtime = (pid_t)atoi(argv[2]);
    int freezer = argv[3][0] == '-' ? -1 : atoi(argv[3]);
    cps_init_run(control, runtime, freezer);
}
