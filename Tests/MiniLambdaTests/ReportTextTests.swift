import Foundation
@testable import MiniLambda
import Testing

/// What every invocation writes without Foundation's formatter: REPORT's milliseconds, the
/// trace header, and Max Memory Used from /proc. Each is checked against the slow way it
/// replaced.
struct ReportTextTests {
    @Test func millisecondsAreWhatPrintfWrites() {
        var values: [Double] = [0, 0.001, 0.004, 0.005, 0.015, 0.125, 0.375, 1.005, 2.675, 9.995, 27.549, 99.999, 100, 1234.5678, 900_000, 1e12]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 { values.append(Double.random(in: 0..<1_000, using: &generator)) }
        for _ in 0..<1_000 { values.append(Double(Int.random(in: 0..<100_000, using: &generator)) / 1000) }
        for value in values {
            #expect(LogFormatter.milliseconds(value) == String(format: "%.2f", value), "\(value)")
        }
    }

    @Test func theTraceHeaderHasXRaysShape() throws {
        let date = Date(timeIntervalSince1970: 1_764_806_400)
        let header = Invoker.traceID(at: date)
        let match = try #require(header.wholeMatch(of: /Root=1-([0-9a-f]{8})-([0-9a-f]{24});Parent=([0-9a-f]{16});Sampled=0/))
        #expect(match.1 == String(format: "%08x", 1_764_806_400))
        #expect(Invoker.traceID(at: date) != header)
    }

    @Test func fieldsAreFoundAtTheStartOfALineOnly() {
        let status = "Name:\tpython3\nXVmHWM:\t1 kB\nVmHWM:\t   4242 kB\nVmRSS:\t99 kB\n"
        let bytes = Array(status.utf8)
        bytes.withUnsafeBytes { raw in
            #expect(MemoryProbe.number(after: "VmHWM:", in: raw) == 4242)
            #expect(MemoryProbe.number(after: "VmRSS:", in: raw) == 99)
            #expect(MemoryProbe.number(after: "VmSwap:", in: raw) == nil)
            #expect(MemoryProbe.number(after: "VmHWM:", in: UnsafeRawBufferPointer(rebasing: raw[0..<10])) == nil)
        }
    }

    @Test func theTreesFiguresAreTheKernels() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        func field(_ name: String) -> Int? {
            status.split(separator: "\n").first { $0.hasPrefix(name) }
                .flatMap { Int($0.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") }
        }
        let watch = MemoryWatch(root: getpid(), includingRoot: true)
        let figures = try #require(watch.figures())
        let peak = try #require(field("VmHWM:"))
        // This process's own figures can only grow between the two reads; children add to them.
        #expect(figures.peak >= peak)
        #expect(figures.resident > 0 && figures.resident <= figures.peak)
        #expect(watch.figures() != nil, "read again through the open files")
        #expect(MemoryWatch(root: getpid(), includingRoot: false).figures() != nil)
        #expect(MemoryWatch(root: Int32.max, includingRoot: true).figures() == nil)
    }

    /// A process with two children of its own (not this process's, which other suites' tests
    /// start and stop at the same time): both are counted, and one that ends (a zombie, its
    /// parent never reaps it) no longer is.
    @Test func aChildThatEndsLeavesTheTree() async throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell becomes the third sleep: no shell waits for a signal this process may block.
        shell.arguments = ["-c", "sleep 30 & sleep 30 & exec sleep 30"]
        try shell.run()
        defer {
            for pid in children(of: shell.processIdentifier) { kill(pid, SIGKILL) }
            kill(shell.processIdentifier, SIGKILL)
            shell.waitUntilExit()
        }
        let watch = MemoryWatch(root: shell.processIdentifier, includingRoot: false)
        var sleeps: [Int32] = []
        for _ in 0..<200 where sleeps.count < 2 {
            try await Task.sleep(for: .milliseconds(10))
            sleeps = children(of: shell.processIdentifier)
        }
        try #require(sleeps.count == 2, "the shell started two children")
        let both = try #require(watch.figures())
        #expect(both.peak > 0 && both.resident > 0, "the children are counted, the root is not")
        kill(sleeps[0], SIGKILL)
        var one = both
        for _ in 0..<200 where one.peak >= both.peak {
            try await Task.sleep(for: .milliseconds(10))
            one = try #require(watch.figures())
        }
        #expect(one.peak < both.peak && one.peak > 0, "the child that ended is no longer counted, the other still is")
    }

    private func children(of pid: Int32) -> [Int32] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
