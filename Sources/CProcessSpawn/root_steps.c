#define _GNU_SOURCE
#include "CProcessSpawn.h"
#include "root_steps.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int cps_write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    size_t length = strlen(text);
    ssize_t written = write(fd, text, length);
    int e = written == (ssize_t)length ? 0 : (written < 0 ? errno : EIO);
    close(fd);
    return e;
}

static int make_dir(const char *path) {
    return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : errno;
}

int cps_make_path(const char *path) {
    /* Usually only the last folder is missing: try it first. */
    if (mkdir(path, 0755) == 0 || errno == EEXIST) return 0;
    if (errno != ENOENT) return errno;
    char buffer[4096];
    size_t length = strlen(path);
    if (length == 0 || length >= sizeof(buffer)) return ENAMETOOLONG;
    memcpy(buffer, path, length + 1);
    for (size_t i = 1; i < length; i++) {
        if (buffer[i] != '/') continue;
        buffer[i] = '\0';
        int e = make_dir(buffer);
        buffer[i] = '/';
        if (e != 0) return e;
    }
    return make_dir(buffer);
}

static int make_file(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    close(fd);
    return 0;
}

static int bind_read_only(const char *source, const char *target) {
    if (mount(source, target, NULL, MS_BIND | MS_REC, NULL) != 0) return errno;
    if (mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) != 0) return errno;
    return 0;
}

int cps_run_root_step(int kind, const char *source, const char *target) {
    int e = 0;
    switch (kind) {
    case CPS_ROOT_BIND_DIR:
        if (make_dir(target) == 0) (void)mount(source, target, NULL, MS_BIND | MS_REC, NULL);
        return 0;
    case CPS_ROOT_BIND_FILE:
        if (make_file(target) == 0) (void)mount(source, target, NULL, MS_BIND, NULL);
        return 0;
    case CPS_ROOT_SYMLINK:
        (void)symlink(source, target);
        return 0;
    case CPS_ROOT_MKDIR:
        return make_dir(target);
    case CPS_ROOT_BIND_READ_ONLY:
        e = make_dir(target);
        if (e == 0) e = bind_read_only(source, target);
        return e;
    case CPS_ROOT_TMPFS:
    case CPS_ROOT_WRITABLE_TMPFS:
        e = cps_make_path(target);
        if (e == 0 && mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, source) != 0) e = errno;
        return e;
    case CPS_ROOT_BIND_PATH:
        e = cps_make_path(target);
        if (e == 0 && mount(source, target, NULL, MS_BIND | MS_REC, NULL) != 0) e = errno;
        return e;
    case CPS_ROOT_MASK: {
        struct stat info;
        if (lstat(target, &info) != 0 || !S_ISDIR(info.st_mode)) return 0;
        /* An empty, read-only folder in place of the hidden one. If it cannot be mounted the
           root is not built: a private folder would show. */
        if (mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755,size=4k") != 0) return errno;
        return 0;
    }
    case CPS_ROOT_DEVICE:
        e = make_file(target);
        if (e == 0 && mount(source, target, NULL, MS_BIND, NULL) != 0) e = errno;
        return e;
    case CPS_ROOT_PROC:
        e = make_dir(target);
        if (e == 0 && mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) e = errno;
        return e;
    default:
        return EINVAL;
    }
}

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

void cps_close_from(int first) {
    if (syscall(SYS_close_range, (unsigned)first, ~0U, 0U) == 0) return;
    for (int fd = first; fd < 4096; fd++) close(fd);
}

void cps_close_all_except(const int *keep, int count) {
    /* Sorted copy of the descriptors to keep (a handful: insertion sort). */
    int sorted[16];
    int n = 0;
    for (int i = 0; i < count && n < 16; i++) {
        if (keep[i] < 3) continue;
        int value = keep[i];
        int j = n;
        while (j > 0 && sorted[j - 1] > value) { sorted[j] = sorted[j - 1]; j--; }
        if (j > 0 && sorted[j - 1] == value) continue;
        sorted[j] = value;
        n++;
    }
    int next = 3;
    for (int i = 0; i < n; i++) {
        if (sorted[i] > next) {
            if (syscall(SYS_close_range, (unsigned)next, (unsigned)(sorted[i] - 1), 0U) != 0) {
                for (int fd = next; fd < sorted[i]; fd++) close(fd);
            }
        }
        next = sorted[i] + 1;
    }
    cps_close_from(next);
}

void cps_format_int(char *buffer, long value) {
    char digits[24];
    int n = 0;
    if (value < 0) value = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0 && n < 23);
    for (int i = 0; i < n; i++) buffer[i] = digits[n - 1 - i];
    buffer[n] = '\0';
}
