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
}
