import Foundation

/// Blocking work (a child process waited for, a blocking socket) run on a thread of its own
/// and awaited, so it never holds one of Swift's cooperative threads: there are only as many
/// as cores (two here), and a server's tasks on the same pool would otherwise wait behind it.
package enum OwnThread {
    package static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
    }
}
