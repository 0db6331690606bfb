@testable import MiniLambda
import Foundation
import Testing
import TestSupport

/// The session's logs are bounded by events and bytes per stream and bytes per session (the
/// tutor's own limits), and a stream says where its older events were dropped.
struct LogStoreTests {
    static let group = "/aws/lambda/chatty"
    /// When the lines are written (the invoker passes its wall clock's time).
    static let time = Date(timeIntervalSince1970: 1_795_458_011)

    @Test func aStreamKeepsItsNewestBytesAndSaysWhatWasDropped() {
        let store = LogStore(limits: .init(eventsPerStream: 10_000, bytesPerStream: 100_000, bytesPerSession: 10_000_000))
        let line = String(repeating: "x", count: 974) // 1,000 bytes with CloudWatch's 26
        for invoke in 0..<50 {
            store.append(group: Self.group, stream: "s", lines: (0..<10).map { "\(invoke)-\($0) " + line }, at: Self.time)
        }
        let events = store.streams(group: Self.group).first?.events ?? []
        let bytes = events.reduce(0) { $0 + LogStore.size($1.message) }
        #expect(bytes <= 100_000)
        #expect(bytes >= 70_000, "trimmed in batches, not to nothing")
        let note = events.first?.message
        #expect(note?.hasPrefix("[lambda-tutor] earlier events of this stream were dropped:") == true, "\(note ?? "")")
        #expect(note?.contains("its own limits") == true)
        #expect(events.last?.message.hasPrefix("49-9 ") == true, "the newest events stay")
        #expect(events.filter { $0.message.hasPrefix("[lambda-tutor] earlier") }.count == 1, "one note, updated")
        #expect(store.sessionBytes == bytes)
    }

    @Test func theSessionCapDropsTheOldestStreamsEventsFirst() {
        let store = LogStore(limits: .init(eventsPerStream: 10_000, bytesPerStream: 1_000_000, bytesPerSession: 200_000))
        let line = String(repeating: "y", count: 974)
        let start = Self.time
        for stream in 0..<8 {
            store.append(group: "/aws/lambda/f\(stream)", stream: "s", lines: Array(repeating: line, count: 50),
                         at: start.addingTimeInterval(Double(stream)))
        }
        #expect(store.sessionBytes <= 200_000, "\(store.sessionBytes)")
        let oldest = store.streams(group: "/aws/lambda/f0").first?.events ?? []
        let newest = store.streams(group: "/aws/lambda/f7").first?.events ?? []
        #expect(oldest.count <= 1, "the oldest stream went first (its note stays): \(oldest.count)")
        #expect(newest.count == 50, "the newest stream is whole")
        #expect(oldest.first?.message.contains("earlier events") ?? true)
    }

    @Test func theEventCapStillHolds() {
        let store = LogStore(eventsPerStream: 100)
        for index in 0..<1_000 { store.append(group: Self.group, stream: "s", lines: ["line \(index)"], at: Self.time) }
        let events = store.streams(group: Self.group).first?.events ?? []
        #expect(events.count <= 126)
        #expect(events.last?.message == "line 999")
        #expect(events.first?.message.contains("earlier events") == true)
    }

    @Test func removingAGroupGivesItsBytesBack() {
        let store = LogStore()
        store.append(group: Self.group, stream: "s", lines: ["hello"], at: Self.time)
        #expect(store.sessionBytes == 5 + 26)
        store.removeGroup(Self.group)
        #expect(store.sessionBytes == 0)
    }

    /// The issue's flood: invocations that each print megabytes leave the session's logs under
    /// their cap (the tutor once grew from 39 to 443 MB).
    @Test func floodingInvocationsStayWithinTheCaps() async throws {
        let limits = LogStore.Limits(eventsPerStream: 10_000, bytesPerStream: 2 << 20, bytesPerSession: 3 << 20)
        let h = try Harness()
        let invoker = Invoker(settings: RuntimeSettings(scratchRoot: h.directory.url.appendingPathComponent("envs")),
                              logs: LogStore(limits: limits))
        do {
            try h.function("flood", code: "import sys\ndef handler(e, c):\n    for i in range(4096):\n        sys.stdout.write('z' * 1000 + '\\n')\n    return 1\n")
            for _ in 0..<6 {
                let result = try await invoker.invoke("flood", registry: h.registry, payload: Data("{}".utf8))
                #expect(result.status == .success)
            }
            #expect(invoker.logs.sessionBytes <= limits.bytesPerSession, "\(invoker.logs.sessionBytes)")
            let events = invoker.logs.streams(group: "/aws/lambda/flood").flatMap(\.events)
            #expect(events.first?.message.contains("earlier events of this stream were dropped") == true)
            #expect(events.last?.message.hasPrefix("REPORT RequestId:") == true)
        } catch {
            await invoker.shutdownAll()
            await h.invoker.shutdownAll()
            throw error
        }
        await invoker.shutdownAll()
        await h.invoker.shutdownAll()
    }
}
