import CTerminalJob
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs a pager or an editor in front of the learner: as the terminal's foreground job.
///
/// Foundation's `Process` starts children in a process group of their own but leaves the
/// terminal to the tutor, so `less` could not read a key (it exited at once) and `vi` stopped
/// with "Error reading input". Here the child's group is made the terminal's foreground group,
/// and given back afterwards, as a shell does (`CTerminalJob`); terminal modes are restored and
/// replies the terminal sent to the program's queries (vim's cursor-position request) are
/// thrown away, so they never reach the next prompt.
package enum TerminalJob {
    package enum Outcome: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// The program could not be started at all (no shell, fork failed).
        case notStarted(String)

        /// True for a clean exit.
        package var succeeded: Bool { self == .exited(0) }

        /// `/bin/sh` answers 127 when the command is not found and 126 when it cannot run it.
        package var commandMissing: Bool { self == .exited(127) || self == .exited(126) }
    }

    /// Runs `command` with `/bin/sh -c` (so `$EDITOR` may carry arguments, as `code --wait`
    /// does), with `arguments` as `$1`…; `input` becomes its standard input if given, otherwise
    /// it reads the terminal.
    package static func runShell(_ command: String, arguments: [String] = [], environment: [String: String],
                                input: String? = nil) -> Outcome {
        run(path: "/bin/sh", argv: ["sh", "-c", command, "sh"] + arguments, environment: environment, input: input)
    }

    package static func run(path: String, argv: [String], environment: [String: String], input: String? = nil) -> Outcome {
        fflush(nil)
        var inputFD: Int32 = -1
        if let input {
            let bytes = Array(input.utf8)
            inputFD = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { ctj_text_fd($0.baseAddress, $0.count) }
            }
            if inputFD < 0 { return .notStarted("cannot hold the text for the pager: \(String(cString: strerror(errno)))") }
        }
        defer { if inputFD >= 0 { close(inputFD) } }
        let ttyFD: Int32 = isatty(STDIN_FILENO) == 1 ? STDIN_FILENO : -1
        var status: Int32 = 0
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let started = withCStrings(argv) { cArgv in
            withCStrings(env) { cEnv in
                ctj_run_foreground(path, cArgv, cEnv, ttyFD, inputFD, &status)
            }
        }
        guard started == 0 else { return .notStarted(String(cString: strerror(errno))) }
        // A terminal may still answer a query the program sent just before it exited.
        if ttyFD >= 0 { ctj_drain_input(ttyFD, 30, 150) }
        if status & 0x7f == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(status & 0x7f)
    }

    /// Calls `body` with a NULL-terminated `char *[]` of copies of `strings`.
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The first of `names` found as an executable on `path`, as a full path.
    package static func find(_ names: [String], path: String?) -> String? {
        for name in names {
            for directory in (path ?? "/usr/bin:/bin").split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}
