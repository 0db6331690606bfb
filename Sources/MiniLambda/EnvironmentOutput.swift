import Dispatch
import Foundation
import TutorSupport

#if canImport(Glibc)
import Glibc
#endif

/// Collects an environment's stdout+stderr and hands it out per invocation.
///
/// A dispatch source reads the pipe as data arrives (so a chatty handler never blocks on a full
/// pipe), and ``take()`` drains what is left on the same serial queue. The bootstraps flush
/// their output before they post a result, so once the result has arrived, everything the
/// handler printed is in the pipe, and `take()` returns all of it: no sleeps, no lost lines.
final class EnvironmentOutput: @unchecked Sendable {
    // @unchecked: `buffer`, `dropped` and `closed` are only touched on `queue`.
    private let fd: Int32
    /// Dates each read (so a line is dated when it arrived); the settings' wall clock.
    private let clock: any WallClock
    private let queue: DispatchQueue
    private var source: (any DispatchSourceRead)?
    private var buffer = Data()
    /// When each read ended, by the buffer length it reached: a line is dated by the read that
    /// brought its first byte, so a cold start's lines carry the times they were written.
    private var arrivals: [(end: Int, at: Date)] = []
    private var dropped = 0
    private var closed = false
    /// One read buffer for the environment's life: a fresh zeroed 64 KB array per read was a
    /// `malloc` and a `memset` on every invocation's warm path.
    private var chunk = [UInt8](repeating: 0, count: 65536)
    /// Left by the source's cancel handler, once dispatch has let go of the descriptor.
    private let released = DispatchGroup()
    /// Output kept per invocation; the rest is counted and reported as dropped, so a handler that
    /// prints in a loop cannot eat the tutor's memory.
    let limit: Int

    init(fd: Int32, limit: Int = 4 << 20, clock: any WallClock) {
        self.fd = fd
        self.clock = clock
        self.limit = limit
        self.queue = DispatchQueue(label: "lambda-env-output-\(fd)")
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.readAvailable() }
        // The capture owns the descriptor: it is closed only once dispatch has let go of it.
        let released = self.released
        released.enter()
        source.setCancelHandler {
            close(fd)
            released.leave()
        }
        self.source = source
        source.resume()
    }

    /// Reads until the pipe is empty. Runs on `queue` only.
    private func readAvailable() {
        guard !closed else { return }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                let room = max(0, limit - buffer.count)
                if room >= n {
                    buffer.append(contentsOf: chunk[0..<n])
                } else {
                    buffer.append(contentsOf: chunk[0..<room])
                    dropped += n - room
                }
                if arrivals.last?.end != buffer.count { arrivals.append((buffer.count, clock.now())) }
            } else if n == 0 {
                // Every writer has closed the pipe: the process group is gone.
                closed = true
                source?.cancel()
                source = nil
                return
            } else {
                if errno == EINTR { continue }
                return // EAGAIN: drained
            }
        }
    }

    /// Everything written since the last call, plus how many bytes were dropped over the limit.
    func take() -> (text: String, droppedBytes: Int) {
        queue.sync {
            readAvailable()
            let text = String(decoding: buffer, as: UTF8.self)
            let droppedBytes = dropped
            buffer.removeAll(keepingCapacity: true)
            arrivals.removeAll(keepingCapacity: true)
            dropped = 0
            return (text, droppedBytes)
        }
    }

    /// Like ``take()``, split into log lines, each with the time its first byte arrived.
    func takeLines() -> (lines: [(at: Date, text: String)], droppedBytes: Int) {
        queue.sync {
            readAvailable()
            let now = clock.now()
            var lines: [(at: Date, text: String)] = []
            var start = 0
            var mark = 0
            let bytes = [UInt8](buffer)
            var index = 0
            while index <= bytes.count {
                if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                    if index > start || index < bytes.count {
                        while mark < arrivals.count, arrivals[mark].end <= start { mark += 1 }
                        let at = mark < arrivals.count ? arrivals[mark].at : now
                        lines.append((at, String(decoding: bytes[start..<index], as: UTF8.self)))
                    }
                    start = index + 1
                }
                index += 1
            }
            let droppedBytes = dropped
            buffer.removeAll(keepingCapacity: true)
            arrivals.removeAll(keepingCapacity: true)
            dropped = 0
            return (lines, droppedBytes)
        }
    }

    /// Stops reading and closes the pipe, and returns once dispatch has unregistered the source
    /// (or after a second): a tutor that exits right after shutdown then leaves no source
    /// half-unregistered on dispatch's manager thread (a crash was seen there once at `quit`).
    func stop() {
        queue.sync {
            closed = true
            source?.cancel()
            source = nil
        }
        _ = released.wait(timeout: .now() + .seconds(1))
    }

    deinit {
        source?.cancel()
    }
}
