import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The built `lambda-tutor` as an ordinary learner runs it. As root: a copy in the home
/// (with `lambda-tutor-init` and the resource bundles it looks for beside it), the home given
/// to `uid`, and `setpriv` to drop to that user. As anyone else: the binary itself, as that user.
package struct UnprivilegedTutor: Sendable {
    /// Put before the binary's path in a command line (empty when not root).
    package let prefix: [String]
    package let binary: URL

    package var command: [String] { prefix + [binary.path] }

    package static func make(home: TemporaryDirectory, uid: uid_t = 65534) throws -> UnprivilegedTutor {
        guard geteuid() == 0 else { return UnprivilegedTutor(prefix: [], binary: TutorBinary.url) }
        guard let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw SpawnedProcess.Failure(description: "setpriv (util-linux) is needed to drop root in this test")
        }
        let bin = home.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let built = TutorBinary.url.deletingLastPathComponent()
        for item in try FileManager.default.contentsOfDirectory(atPath: built.path)
        where item.hasSuffix(".resources") || item == "lambda-tutor" || item == "lambda-tutor-init" {
            try FileManager.default.copyItem(at: built.appendingPathComponent(item), to: bin.appendingPathComponent(item))
        }
        let chown = try SpawnedProcess.run(["/bin/chown", "-R", "\(uid):\(uid)", home.path], environment: [:])
        guard chown.status == 0 else { throw SpawnedProcess.Failure(description: "chown failed: \(chown.stderr)") }
        return UnprivilegedTutor(prefix: [setpriv, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"],
                                 binary: bin.appendingPathComponent("lambda-tutor"))
    }

    /// A command prefix that runs something as a user other than the tutor's (`uid` when
    /// root); empty when not root (then it runs as the same user, outside the environment).
    package static func otherUser(uid: uid_t = 12_345) -> [String] {
        guard geteuid() == 0, let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return [] }
        return [setpriv, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"]
    }
}
