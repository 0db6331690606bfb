#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The system's random bytes (`getrandom`), read 512 at a time instead of 8: Swift's
/// `SystemRandomNumberGenerator` makes one system call per `next()`, and a warm invoke drew six
/// (the request id, the X-Ray trace header, the alias weight roll), which strace counted as the
/// most frequent system call of the API benchmark after `read`. The numbers are the same
/// quality as the system generator's; only the reads are fewer.
package struct BufferedRandomNumberGenerator: RandomNumberGenerator {
    package init() {}

    package mutating func next() -> UInt64 {
        BufferedRandomPool.shared.next()
    }
}

/// The process-wide buffer behind ``BufferedRandomNumberGenerator``.
private final class BufferedRandomPool: Sendable {
    static let shared = BufferedRandomPool()
    private static let words = 64

    private struct Buffer {
        var words = [UInt64](repeating: 0, count: BufferedRandomPool.words)
        /// The next unused word; `words.count` when all are used.
        var next = BufferedRandomPool.words
    }

    private let buffer = Mutex(Buffer())

    func next() -> UInt64 {
        buffer.withLock { buffer in
            if buffer.next == buffer.words.count {
                buffer.words.withUnsafeMutableBytes { Self.fill($0) }
                buffer.next = 0
            }
            defer { buffer.next += 1 }
            return buffer.words[buffer.next]
        }
    }

    /// One `getrandom` for the whole buffer (glibc's `arc4random_buf` is that call since 2.36).
    private static func fill(_ bytes: UnsafeMutableRawBufferPointer) {
        arc4random_buf(bytes.baseAddress!, bytes.count)
    }
}
