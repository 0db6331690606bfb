import Foundation
@testable import MiniLambda
import TestSupport
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
        // The shell becomes the third sleep. RunningProcess, not Foundation's Process, and a
        // session of its own (setsid execs in place: the pid stays the shell's): under the whole
        // suite, shells in this process's group never got as far as their first child.
        let shell = try RunningProcess(["/usr/bin/setsid", "/bin/sh", "-c", "/bin/sleep 30 & /bin/sleep 30 & exec /bin/sleep 30"], environment: [:])
        defer { stop(shell) }
        let watch = MemoryWatch(root: shell.pid, includingRoot: false)
        let sleeps = try await started(count: 2, by: shell.pid)
        let both = try #require(watch.figures())
        #expect(both.peak > 0 && both.resident > 0, "the children are counted, the root is not")
        kill(sleeps[0], SIGKILL)
        var one = both
        let deadline = ContinuousClock.now + .seconds(30)
        while one.peak >= both.peak, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
            one = try #require(watch.figures())
        }
        #expect(one.peak < both.peak && one.peak > 0, "the child that ended is no longer counted, the other still is: \(both) then \(one)")
    }

    /// A handler that forks many processes: all are counted, and the tutor keeps the files of
    /// only a few open (it must not run out of descriptors).
    @Test func manyChildrenAreCountedWithFewFilesKeptOpen() async throws {
        let count = MemoryWatch.keptOpen * 3
        let shell = try RunningProcess(["/usr/bin/setsid", "/bin/sh", "-c", "i=0; while [ $i -lt \(count) ]; do /bin/sleep 30 & i=$((i+1)); done; exec /bin/sleep 30"],
                                       environment: [:])
        defer { stop(shell) }
        let sleeps = try await started(count: count, by: shell.pid)
        let one = try #require(MemoryWatch(root: sleeps[0], includingRoot: true).figures()).peak
        let watch = MemoryWatch(root: shell.pid, includingRoot: false)
        let first = try #require(watch.figures())
        let second = try #require(watch.figures())
        // Half the children at least: with only the files kept open read, it would be a third.
        #expect(first.peak >= one * count / 2 && second.peak >= one * count / 2, "every child counted: \(first.peak) kB for \(count) of \(one) kB")
        #expect(watch.openProcessCount <= MemoryWatch.keptOpen)
    }

    /// The children `pid` has started, once there are `count` (waited for by the clock: while the
    /// whole suite runs, a new shell can take seconds to be scheduled on this 2-core machine).
    private func started(count: Int, by pid: Int32) async throws -> [Int32] {
        let deadline = ContinuousClock.now + .seconds(30)
        var found = children(of: pid)
        while found.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
            found = children(of: pid)
        }
        try #require(found.count == count, "\(pid) started \(found.count) of \(count) children")
        // And each has become /bin/sleep: a child between fork and exec has the shell's figures,
        // and none for a moment during the exec.
        func isSleep(_ child: Int32) -> Bool {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child)/exe"))?.hasSuffix("sleep") == true
        }
        while !found.allSatisfy(isSleep), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(found.allSatisfy(isSleep), "the children exec'd /bin/sleep")
        return found
    }

    private func stop(_ shell: RunningProcess) {
        for pid in children(of: shell.pid) { kill(pid, SIGKILL) }
        shell.kill()
    }

    private func children(of pid: Int32) -> [Int32] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
