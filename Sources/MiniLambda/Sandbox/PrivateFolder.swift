import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A folder only the learner can reach: where the tutor keeps the environments' copies of the
/// code. Someone who could write into it, or swap it, could change the code the learner's
/// handlers run (they once replaced each new environment's `bootstrap.py`).
///
/// ``prepare(_:)`` creates what is missing with mode 0700 and refuses, with a sentence saying
/// why, a folder that is not a plain folder of the learner's own, that others can write, or that
/// lies in a folder others could rename it out of (the rule ssh applies to `~/.ssh`).
enum PrivateFolder {
    /// Creates `url` (and missing parents, 0700) and checks it and its parents.
    static func prepare(_ url: URL) throws(MiniLambdaError) {
        let path = url.standardizedFileURL.path
        var missing: [String] = []
        var probe = path
        while !probe.isEmpty, probe != "/" {
            var info = stat()
            if lstat(probe, &info) == 0 { break }
            guard errno == ENOENT else { throw refusal(probe, "cannot be examined (\(String(cString: strerror(errno))))") }
            missing.append(probe)
            probe = (probe as NSString).deletingLastPathComponent
        }
        try checkParents(of: missing.last ?? path)
        for folder in missing.reversed() {
            if mkdir(folder, 0o700) != 0, errno != EEXIST {
                throw MiniLambdaError(.system, "cannot create \(folder): \(String(cString: strerror(errno)))")
            }
        }
        try check(path)
    }

    /// True when `path` is a folder of this user's, mode without group or other access: what
    /// `$XDG_RUNTIME_DIR` must be before the tutor puts anything in it.
    static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFDIR && info.st_uid == geteuid() && info.st_mode & 0o077 == 0
    }

    /// The folder itself: a real folder (not a link), ours, no one else may write or enter.
    static func check(_ path: String) throws(MiniLambdaError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw refusal(path, "cannot be examined (\(String(cString: strerror(errno))))") }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw refusal(path, "is not a folder (a link or a file is there)") }
        guard info.st_uid == geteuid() else { throw refusal(path, "belongs to \(userName(info.st_uid)), not to you") }
        if info.st_mode & 0o022 != 0 { throw refusal(path, "can be written by other users (mode \(String(info.st_mode & 0o777, radix: 8)))") }
        if info.st_mode & 0o077 != 0, chmod(path, 0o700) != 0 {
            throw refusal(path, "is open to other users and cannot be closed (\(String(cString: strerror(errno))))")
        }
        try checkParents(of: path)
    }

    /// Every folder above `path`: root's or ours, and writable by others only when sticky
    /// (/tmp), so no one else can rename what is inside.
    static func checkParents(of path: String) throws(MiniLambdaError) {
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty {
            var info = stat()
            // stat, not lstat: a parent may be a link (/var/run); the folder it names is what counts.
            guard stat(parent, &info) == 0 else { throw refusal(path, "lies in \(parent), which cannot be examined") }
            if info.st_uid != 0, info.st_uid != geteuid() {
                throw refusal(path, "lies in \(parent), which belongs to \(userName(info.st_uid))")
            }
            if info.st_mode & 0o022 != 0, info.st_mode & S_ISVTX == 0 {
                throw refusal(path, "lies in \(parent), which other users can write")
            }
            if parent == "/" { break }
            parent = (parent as NSString).deletingLastPathComponent
        }
    }

    static func refusal(_ path: String, _ why: String) -> MiniLambdaError {
        MiniLambdaError(.unsafeFolder, "the tutor will not keep environments in \(path): it \(why). Remove it, or choose another folder with LAMBDA_TUTOR_SCRATCH.")
    }

    static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return "user \(String(cString: name)) (uid \(uid))" }
        return "uid \(uid)"
    }
}
